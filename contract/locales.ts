/** The UI languages chatskins ships dictionaries for, and the only values `locale` may take. */
export const SUPPORTED_LOCALES = ['en', 'ko', 'ja', 'zh-Hans', 'zh-Hant'] as const
export type Locale = (typeof SUPPORTED_LOCALES)[number]
