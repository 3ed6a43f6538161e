import type { Locale } from '../../contract/locales.ts'

const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo'])

/**
 * The supported locale for one BCP 47 tag, or undefined: `zh-CN`/`zh-SG`/`zh` → zh-Hans,
 * `zh-TW`/`zh-HK`/`zh-MO` (and any `zh-Hant…`) → zh-Hant, `ko-KR` → ko, `ja-JP` → ja, `en-*` → en.
 */
export function supportedLocale(tag: string): Locale | undefined {
  const parts = tag.trim().toLowerCase().replace(/_/g, '-').split('-')
  const [language, ...rest] = parts
  if (language === 'zh') {
    if (rest.includes('hant')) return 'zh-Hant'
    if (rest.includes('hans')) return 'zh-Hans'
    return rest.some((part) => TRADITIONAL_REGIONS.has(part)) ? 'zh-Hant' : 'zh-Hans'
  }
  if (language === 'en' || language === 'ko' || language === 'ja') return language
  return undefined
}

/**
 * The UI locale: the visitor's first browser language chatskins supports wins; when none of them
 * is supported, the endpoint's configured locale.
 */
export function pickLocale(configLocale: string, browserLanguages: readonly string[]): string {
  for (const tag of browserLanguages) {
    const locale = supportedLocale(tag)
    if (locale) return locale
  }
  return configLocale
}
