import { fillTemplate } from '../../../i18n/translate.ts'
import type { BatchDictionary, BatchMessageKey } from './en.ts'

export type BatchTranslate = (key: BatchMessageKey, values?: Record<string, string>) => string

/** One chunk per locale, like the page's own dictionaries (src/i18n/translate.ts). */
const LOADERS: Readonly<Record<string, () => Promise<BatchDictionary>>> = {
  en: async () => (await import('./en.ts')).batchEn,
  ko: async () => (await import('./ko.ts')).batchKo,
  ja: async () => (await import('./ja.ts')).batchJa,
  'zh-Hans': async () => (await import('./zh-Hans.ts')).batchZhHans,
  'zh-Hant': async () => (await import('./zh-Hant.ts')).batchZhHant,
}

/** The batch panel's strings in the page's locale; English if it has none or its chunk fails. */
export async function loadBatchTranslator(locale: string): Promise<BatchTranslate> {
  const english = LOADERS.en!
  const dictionary = await (LOADERS[locale] ?? english)().catch(english)
  return (key, values = {}) => fillTemplate(dictionary[key], values)
}
