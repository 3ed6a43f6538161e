import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpError } from '../errors.ts'
import { decodeStaticPath } from '../http/decode-static-path.ts'
import { acceptedCodings, type ContentCoding } from './encodings.ts'

export interface StaticFile {
  body: Uint8Array
  contentType: string
  /** A text format whose coding depends on `Accept-Encoding` (so: `Vary`). */
  negotiated?: boolean
  /** Set when `body` is compressed in this coding. */
  encoding?: ContentCoding
  /** Made afresh per request (a pack's CSS under `npm run dev`): never cached, whatever its URL. */
  live?: boolean
}

export type ReadStatic = (
  path: string,
  codings: readonly ContentCoding[],
) => Promise<StaticFile | null>

/** Vite's hashed bundle, the fonts' versioned slices, and any URL carrying a `?v=` content hash. */
const HASHED_PATH = /^\/(assets|fonts\/[a-z]+-[\d.]+)\//

/**
 * `GET /assets|static|fonts|themes/*`: the file in the best coding the request accepts. Hashed
 * files are cached for a year; the rest (unversioned fonts CSS, gallery CSS) for five minutes.
 */
export function staticHandler(readStatic: ReadStatic) {
  return async (c: Context<AppEnv>) => {
    const codings = acceptedCodings(c.req.header('Accept-Encoding'))
    const file = await readStatic(decodeStaticPath(c.req.url), codings)
    if (!file) throw new HttpError(404, 'not_found', 'No such file.')
    const immutable = HASHED_PATH.test(c.req.path) || c.req.query('v') !== undefined
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.contentType,
      'Cache-Control': file.live
        ? 'no-store'
        : immutable
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300',
      ...(file.negotiated ? { Vary: 'Accept-Encoding' } : {}),
      ...(file.encoding ? { 'Content-Encoding': file.encoding } : {}),
    })
  }
}
