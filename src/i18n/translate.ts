import type { Dictionary, MessageKey } from './en.ts'

export type { MessageKey }
export type Translate = (key: MessageKey, values?: Record<string, string>) => string

/** Each locale is a chunk of its own, so a page carries only its own language's strings. */
const LOADERS: Readonly<Record<string, () => Promise<Dictionary>>> = {
  en: async () => (await import('./en.ts')).en,
  ko: async () => (await import('./ko.ts')).ko,
  ja: async () => (await import('./ja.ts')).ja,
  'zh-Hans': async () => (await import('./zh-Hans.ts')).zhHans,
  'zh-Hant': async () => (await import('./zh-Hant.ts')).zhHant,
}

/** A translator for a supported locale; unknown locales, or a chunk that fails, give English. */
export async function loadTranslator(locale: string): Promise<Translate> {
  const english = LOADERS.en!
  const dictionary = await (LOADERS[locale] ?? english)().catch(english)
  return createTranslator(dictionary)
}

export function createTranslator(dictionary: Dictionary): Translate {
  return (key, values = {}) => fillTemplate(dictionary[key], values)
}

/** `{name}` in a UI string replaced by its value; an unknown name stays as written. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match)
}
