import { en, type Dictionary, type MessageKey } from './en.ts'
import { ja } from './ja.ts'
import { ko } from './ko.ts'
import { zhHans } from './zh-Hans.ts'
import { zhHant } from './zh-Hant.ts'

export type { MessageKey }
export type Translate = (key: MessageKey, values?: Record<string, string>) => string

export const DICTIONARIES: Readonly<Record<string, Dictionary>> = {
  en,
  ko,
  ja,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
}

/** A translator for a supported locale (unknown locales fall back to English). */
export function createTranslator(locale: string): Translate {
  const dictionary = DICTIONARIES[locale] ?? en
  return (key, values = {}) =>
    dictionary[key].replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match)
}
