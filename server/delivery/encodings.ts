/** Content codings chatskins serves, best first: brotli where the browser takes it, else gzip. */
export const CONTENT_CODINGS = ['br', 'gzip'] as const
export type ContentCoding = (typeof CONTENT_CODINGS)[number]

/** File name suffix of each precompressed twin (`app.js` → `app.js.br`, `app.js.gz`). */
export const TWIN_SUFFIX: Record<ContentCoding, string> = { br: '.br', gzip: '.gz' }

/** Text formats worth compressing; images and woff2 are compressed already. */
export const COMPRESSIBLE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.js',
  '.css',
  '.svg',
  '.html',
  '.json',
  '.map',
  '.ico',
  '.webmanifest',
])

/**
 * The codings an `Accept-Encoding` header takes, best first by its q-values (ties: ours, br before
 * gzip). `*` stands for any coding not named; `q=0` refuses one.
 */
export function acceptedCodings(header: string | undefined): ContentCoding[] {
  if (!header) return []
  const weights = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean)
    weights.set(name.trim(), q === undefined ? 1 : Number(q))
  }
  const weightOf = (coding: ContentCoding) =>
    weights.get(coding) ??
    (coding === 'gzip' ? weights.get('x-gzip') : undefined) ??
    weights.get('*') ??
    0
  return CONTENT_CODINGS.filter((coding) => weightOf(coding) > 0).sort(
    (a, b) => weightOf(b) - weightOf(a),
  )
}
