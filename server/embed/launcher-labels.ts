import { en, type Dictionary } from '../../src/i18n/en.ts'
import { ja } from '../../src/i18n/ja.ts'
import { ko } from '../../src/i18n/ko.ts'
import { createTranslator } from '../../src/i18n/translate.ts'
import { zhHans } from '../../src/i18n/zh-Hans.ts'
import { zhHant } from '../../src/i18n/zh-Hant.ts'

const DICTIONARIES: Readonly<Record<string, Dictionary>> = {
  en,
  ja,
  ko,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
}

/** The launcher's words, from the client's dictionaries, so embed.js carries none of its own. */
export function launcherLabels(locale: string, botName: string) {
  const t = createTranslator(DICTIONARIES[locale] ?? en)
  return { open: t('app.title', { bot: botName }), close: t('embed.close') }
}
