import { pickLocale } from '../../src/i18n/pick-locale.ts'
import { escapeHtml } from '../../contract/escape-html.ts'

/** Where the built index.html names its lazy chunks (scripts/lazy-chunk-hints.ts writes it). */
export const LAZY_CHUNKS_SLOT = '<!--chatskins:lazy-chunks'

export interface LazyChunks {
  /** Each UI dictionary's files. */
  locales: Record<string, string[]>
  /** What an embed panel imports lazily for its first render, the most urgent first. */
  embed: string[]
}

export interface EmbedPreloadOptions {
  /** The host page's `data-locale`, if it pinned one. */
  pinned?: string
  /** The endpoint's own locale, which the visitor's languages may override (src/main.tsx). */
  configured: string
  acceptLanguage?: string
}

/**
 * The template for an embed panel, its lazy-chunk hints turned into `modulepreload` links: a panel
 * opened on a click has the visitor waiting, so its lazy first-render chunks download beside the
 * entry rather than after it has run. The links stand where the hints were, after the entry's
 * own, so they don't queue ahead of it. The dictionary is the one the client will pick, guessed
 * from `Accept-Language` as it picks from `navigator.languages`. A template without hints
 * (`npm run dev`) stays as it is.
 */
export function withEmbedPreloads(template: string, options: EmbedPreloadOptions): string {
  const start = template.indexOf(LAZY_CHUNKS_SLOT)
  if (start < 0) return template
  const end = template.indexOf('-->', start)
  const chunks = JSON.parse(template.slice(start + LAZY_CHUNKS_SLOT.length, end)) as LazyChunks
  const languages = (options.acceptLanguage ?? '').split(',').map((tag) => tag.split(';')[0]!)
  const locale = options.pinned ?? pickLocale(options.configured, languages)
  const links = [...(chunks.locales[locale] ?? []), ...chunks.embed].map(
    (file) => `<link rel="modulepreload" crossorigin href="${escapeHtml(file)}">`,
  )
  return template.slice(0, start) + links.join('\n    ') + template.slice(end + '-->'.length)
}
