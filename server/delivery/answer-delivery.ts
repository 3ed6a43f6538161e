import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { acceptedCodings } from './encodings.ts'

/** Answers smaller than this go as they are: gzip's framing would eat most of the gain. */
export const COMPRESS_THRESHOLD_BYTES = 1024
/** Pages and JSON; never `text/event-stream`, whose events must reach the browser unbuffered. */
const DELIVERED_TYPES = /^(text\/html|application\/json)\s*(;|$)/i

export interface AnswerDeliveryOptions {
  /** Cache-Control for a successful GET: pages `no-cache`, visitor data `private, no-cache`. */
  cacheControl: string
  /** false where the runtime compresses answers itself (Workers: Cloudflare's edge). */
  compress?: boolean
}

/**
 * For pages and JSON answers: a GET that succeeds is revalidated on every use (`no-cache` with a
 * weak ETag of the body, answered 304 when it still matches), and any answer over 1 KB is gzipped
 * on the fly for a browser that takes it. Buffers the body, so it is never mounted on `/talk`.
 */
export function answerDelivery({
  cacheControl,
  compress = true,
}: AnswerDeliveryOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    const type = c.res.headers.get('Content-Type') ?? ''
    if (!DELIVERED_TYPES.test(type) || c.res.headers.has('Content-Encoding') || !c.res.body) return
    const body = new Uint8Array(await c.res.arrayBuffer())
    const headers = new Headers(c.res.headers)
    const { status, statusText } = c.res
    if (c.req.method === 'GET' && status === 200) {
      const etag = `W/"${await digest(body)}"`
      headers.set('ETag', etag)
      headers.set('Cache-Control', cacheControl)
      if (matches(c.req.header('If-None-Match'), etag)) {
        for (const name of ['Content-Type', 'Content-Length']) headers.delete(name)
        replaceResponse(c, new Response(null, { status: 304, headers }))
        return
      }
    }
    headers.delete('Content-Length')
    if (compress && body.byteLength > COMPRESS_THRESHOLD_BYTES) {
      headers.append('Vary', 'Accept-Encoding')
      if (acceptedCodings(c.req.header('Accept-Encoding')).includes('gzip')) {
        headers.set('Content-Encoding', 'gzip')
        replaceResponse(c, new Response(gzip(body), { status, statusText, headers }))
        return
      }
    }
    replaceResponse(c, new Response(body, { status, statusText, headers }))
  }
}

/** Hono's `c.res =` copies the old answer's headers over the new one's; these are rebuilt whole. */
function replaceResponse(c: Context<AppEnv>, response: Response): void {
  c.res = undefined
  c.res = response
}

async function digest(body: Uint8Array): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>)
  return btoa(String.fromCharCode(...new Uint8Array(hash).slice(0, 18)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  const strip = (tag: string) => tag.trim().replace(/^W\//, '')
  return !!ifNoneMatch && ifNoneMatch.split(',').some((tag) => strip(tag) === strip(etag))
}

/** gzip through the runtime's CompressionStream (web standard: no brotli there on Node 20). */
function gzip(body: Uint8Array): ReadableStream<Uint8Array> {
  return new Response(body as Uint8Array<ArrayBuffer>).body!.pipeThrough(
    new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
  )
}
