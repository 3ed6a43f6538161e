import { SUPPORTED_LOCALES, type Locale } from '../../contract/locales.ts'

/** How the gallery asks for a preview: a scheme, and a locale unless each bot keeps its own. */
export interface PreviewChoice {
  scheme: 'light' | 'dark'
  locale: Locale | undefined
}

export function readLocale(raw: string | undefined): Locale | undefined {
  return SUPPORTED_LOCALES.find((locale) => locale === raw)
}

export function readScheme(raw: string | undefined): PreviewChoice['scheme'] | undefined {
  return raw === 'light' || raw === 'dark' ? raw : undefined
}

/** `/:id/preview?scheme=…&locale=…`: the endpoint's page in the gallery's preview mode. */
export function previewUrl(endpointId: string, choice: PreviewChoice): string {
  const query = new URLSearchParams({ scheme: choice.scheme })
  if (choice.locale) query.set('locale', choice.locale)
  return `/${encodeURIComponent(endpointId)}/preview?${query}`
}
