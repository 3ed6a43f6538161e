import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes, routePath } from 'hono/route'
import type { AppEnv } from '../app-env.ts'
import { requestIdFor } from './request-id.ts'

/**
 * One access-log entry. Deliberately without the path's values, the query string, headers,
 * cookies, bodies or the visitor's id: nothing a visitor typed and nothing secret.
 */
export interface RequestLogEntry {
  time: string
  request_id: string
  /** The endpoint id, when the request was for one. */
  endpoint: string | null
  method: string
  /** The matched route pattern, e.g. `/:id/talk`. */
  route: string
  status: number
  /** Dify's status for the last upstream call the request made; null when it made none. */
  upstream_status: number | null
  /** Until the last byte left (for a stream: the whole stream). */
  duration_ms: number
  bytes: number
  /** How the body ended: `complete`, `aborted` (the client left) or `error`. */
  outcome: 'complete' | 'aborted' | 'error'
}

export interface RequestLogOptions {
  write: (entry: RequestLogEntry) => void
  now?: () => number
}

/**
 * Gives every response an `X-Request-Id` (see request-id.ts) and writes one entry per request
 * once its body has been sent, so a stream is logged when it ends, with its bytes and duration.
 */
export function requestLog(options: RequestLogOptions): MiddlewareHandler<AppEnv> {
  const now = options.now ?? (() => performance.now())
  return async (c, next) => {
    const startedAt = now()
    const requestId = requestIdFor(c.req.header('x-request-id'))
    c.set('requestId', requestId)
    await next()
    c.res.headers.set('X-Request-Id', requestId)
    const write = (bytes: number, outcome: RequestLogEntry['outcome']) =>
      options.write({
        time: new Date().toISOString(),
        request_id: requestId,
        endpoint: c.get('endpoint')?.config.id ?? null,
        method: c.req.method,
        route: routeOf(c),
        status: c.res.status,
        upstream_status: c.get('upstreamStatus') ?? null,
        duration_ms: Math.round(now() - startedAt),
        bytes,
        outcome,
      })
    const { body } = c.res
    const direct = c.get('directAnswer')
    if (!body && direct) return void direct.sent.then(({ bytes, outcome }) => write(bytes, outcome))
    if (!body) return write(0, 'complete')
    c.res = new Response(countingBody(body, write), c.res)
  }
}

/** The route a request was for, also when a middleware answered it (a 403, a 429). */
function routeOf(c: Context<AppEnv>): string {
  const handler = matchedRoutes(c).findLast((route) => route.method !== 'ALL')
  return handler?.path ?? routePath(c)
}

/** Passes the body through unchanged (pulling only as fast as the client reads) and counts it. */
function countingBody(
  body: ReadableStream<Uint8Array>,
  onEnd: (bytes: number, outcome: RequestLogEntry['outcome']) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let bytes = 0
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let result: ReadableStreamReadResult<Uint8Array>
        try {
          result = await reader.read()
        } catch (error) {
          onEnd(bytes, 'error')
          return controller.error(error)
        }
        if (result.done) {
          controller.close()
          return onEnd(bytes, 'complete')
        }
        bytes += result.value.byteLength
        controller.enqueue(result.value)
      },
      cancel(reason) {
        onEnd(bytes, 'aborted')
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
