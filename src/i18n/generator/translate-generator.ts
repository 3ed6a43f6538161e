import type { MessageKey } from '../en.ts'
import { fillTemplate, type Translate } from '../translate.ts'
import type { GeneratorDictionary, GeneratorKey } from './generator-en.ts'

export type GeneratorTranslate = (
  key: MessageKey | GeneratorKey,
  values?: Record<string, string>,
) => string

const LOADERS: Readonly<Record<string, () => Promise<GeneratorDictionary>>> = {
  en: async () => (await import('./generator-en.ts')).generatorEn,
  ko: async () => (await import('./generator-ko.ts')).generatorKo,
  ja: async () => (await import('./generator-ja.ts')).generatorJa,
  'zh-Hans': async () => (await import('./generator-zh-Hans.ts')).generatorZhHans,
  'zh-Hant': async () => (await import('./generator-zh-Hant.ts')).generatorZhHant,
}

/**
 * The generator page's translator: its own words over the chat's dictionary (errors, the inputs
 * form, answer actions). Unknown locales, or a chunk that fails, give English, as for the chat.
 */
export async function loadGeneratorTranslator(
  locale: string,
  chat: Promise<Translate>,
): Promise<GeneratorTranslate> {
  const english = LOADERS.en!
  const [dictionary, base] = await Promise.all([
    (LOADERS[locale] ?? english)().catch(english),
    chat,
  ])
  return (key, values = {}) =>
    key in dictionary
      ? fillTemplate(dictionary[key as GeneratorKey], values)
      : base(key as MessageKey, values)
}
