import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { errorResponse, HttpError } from '../errors.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const SAME_ORIGIN_FETCH = new Set(['same-origin', 'none'])

export interface SameOriginRequest {
  method: string
  /** This server's host as the browser addressed it (`Host`, or a trusted `X-Forwarded-Host`). */
  host: string
  origin: string | undefined
  secFetchSite: string | undefined
}

/**
 * Whether a request that changes state came from another site (CSRF). Browsers send `Origin` on
 * every non-GET fetch and form post, so: an `Origin` must name this host (`null`, from sandboxed
 * frames and privacy redirects, never does); without one, `Sec-Fetch-Site` (Fetch Metadata) must
 * say same-origin or none where a browser sent it. A request with neither is not from a browser,
 * and carries no visitor's cookie that a site could ride. The scheme is not compared: behind a
 * TLS-terminating proxy the server can't know it, and `host` already includes the port.
 */
export function isCrossSiteChange(request: SameOriginRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false
  if (request.origin !== undefined) {
    try {
      return new URL(request.origin).host !== request.host.toLowerCase()
    } catch {
      return true
    }
  }
  return request.secFetchSite !== undefined && !SAME_ORIGIN_FETCH.has(request.secFetchSite)
}

/** Refuses cross-site state changes with 403 `cross_origin_request`, before any cookie is set. */
export function sameOriginOnly(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const forwardedHost = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : ''
    const crossSite = isCrossSiteChange({
      method: c.req.method,
      host: forwardedHost || new URL(c.req.url).host,
      origin: c.req.header('origin'),
      secFetchSite: c.req.header('sec-fetch-site'),
    })
    if (crossSite) {
      return errorResponse(
        new HttpError(
          403,
          'cross_origin_request',
          'Changes are accepted only from this chat page.',
        ),
      )
    }
    await next()
  }
}
