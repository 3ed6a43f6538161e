import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { DEFAULT_FRAME_ANCESTORS } from '../config/validate-security.ts'

export interface SecurityHeaderOptions {
  /** `npm run dev`: Vite injects styles as <style> elements and talks HMR over a websocket. */
  dev?: boolean
  /** CSP `frame-ancestors` sources, already validated (validate-security.ts). */
  frameAncestors?: readonly string[]
}

/**
 * Headers every response carries. The CSP allows no inline script at all: the boot data is inert
 * JSON and the client bundle is a same-origin file. Styles set through the CSSOM stay allowed.
 */
export function securityHeaders({
  dev = false,
  frameAncestors = DEFAULT_FRAME_ANCESTORS,
}: SecurityHeaderOptions = {}): Record<string, string> {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data: blob: https:",
    "media-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ')
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}

/**
 * Sets the security headers on every response, errors and streams included; under `/:id/` with
 * that endpoint's `frameAncestors`, elsewhere (gallery, static files) with the default `'self'`.
 */
export function securityHeadersMiddleware(dev: boolean): MiddlewareHandler<AppEnv> {
  const site = Object.entries(securityHeaders({ dev }))
  const byEndpoint = new WeakMap<readonly string[], Array<[string, string]>>()
  return async (c, next) => {
    await next()
    // Unset outside `/:id/` routes, whatever AppEnv says.
    const frameAncestors = (c.get('endpoint') as AppEnv['Variables']['endpoint'] | undefined)
      ?.config.frameAncestors
    let headers = site
    if (frameAncestors) {
      headers =
        byEndpoint.get(frameAncestors) ?? Object.entries(securityHeaders({ dev, frameAncestors }))
      byEndpoint.set(frameAncestors, headers)
    }
    for (const [name, value] of headers) c.res.headers.set(name, value)
  }
}
