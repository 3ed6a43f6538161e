/**
 * What the service worker may keep: static files whose URL changes with their content, and
 * nothing else. Pages, `/talk`, `/run`, `/api/…`, the manifest and anything that carries a visitor
 * are never among them, by path; the server must also have marked the answer `immutable`.
 */
const CONTENT_ADDRESSED: ReadonlyArray<(url: URL) => boolean> = [
  // Vite's bundle: the name carries the hash.
  (url) => /^\/assets\/[\w.-]+\.(js|css|woff2?|svg|png)$/.test(url.pathname),
  // The CJK fonts' slices, under a versioned folder.
  (url) => /^\/fonts\/[a-z]+-[\d.]+\/\d+\.woff2$/.test(url.pathname),
  // A pack's files and a brand's stylesheet, versioned by `?v=<hash>`.
  (url) =>
    /^\/(themes\/[\w-]+\/[\w.-]+|brand\/[^/]+\/brand\.css)$/.test(url.pathname) &&
    url.searchParams.has('v'),
  // Brand images, link preview cards and app icons: `<name>-<hash>.<ext>`.
  (url) => /^\/(brand|share)\/[^/]+\/[\w-]+-[0-9a-f]{12}\.[a-z]+$/.test(url.pathname),
]

export function isCacheableUrl(url: URL, origin: string): boolean {
  return url.origin === origin && CONTENT_ADDRESSED.some((test) => test(url))
}

export function isCacheableResponse(response: Response): boolean {
  return (
    response.ok &&
    response.type === 'basic' &&
    /\bimmutable\b/.test(response.headers.get('Cache-Control') ?? '')
  )
}
