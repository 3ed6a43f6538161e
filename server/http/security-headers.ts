import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import type { EndpointConfig } from '../config/types.ts'
import { DEFAULT_FRAME_ANCESTORS } from '../config/validate-security.ts'
import { difyOriginOf } from '../dify/dify-origin.ts'
import { frameAncestorsOf } from '../embed/embed-origins.ts'

export interface SecurityHeaderOptions {
  /** `npm run dev`: Vite injects styles as <style> elements and talks HMR over a websocket. */
  dev?: boolean
  /**
   * Origins an endpoint's page shows images from besides https ones: its Dify's, whose file URLs
   * (made absolute by the server) may be plain http on a self-hosted Dify.
   */
  imageOrigins?: readonly string[]
  /** CSP `frame-ancestors` sources, already validated (validate-security.ts). */
  frameAncestors?: readonly string[]
}

/**
 * Headers every response carries. The CSP allows no inline script at all: the boot data is inert
 * JSON and the client bundle is a same-origin file. Styles set through the CSSOM stay allowed.
 */
export function securityHeaders({
  dev = false,
  imageOrigins = [],
  frameAncestors = DEFAULT_FRAME_ANCESTORS,
}: SecurityHeaderOptions = {}): Record<string, string> {
  const extraImages = imageOrigins.filter((origin) => !origin.startsWith('https:'))
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    ["img-src 'self' data: blob: https:", ...extraImages].join(' '),
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
 * that endpoint's `frameAncestors` and its Dify's image origin (message files; docs/dify-wire.md#messages,
 * #message-file), elsewhere (gallery, static files) with the defaults.
 */
export function securityHeadersMiddleware(dev: boolean): MiddlewareHandler<AppEnv> {
  const site = Object.entries(securityHeaders({ dev }))
  const byEndpoint = new WeakMap<EndpointConfig, Array<[string, string]>>()
  /** Computed on an endpoint's first response, then kept. */
  const endpointHeaders = (config: EndpointConfig) => {
    const origin = difyOriginOf(config)
    const headers = Object.entries(
      securityHeaders({
        dev,
        frameAncestors: frameAncestorsOf(config),
        imageOrigins: origin ? [origin] : [],
      }),
    )
    byEndpoint.set(config, headers)
    return headers
  }
  return async (c, next) => {
    await next()
    // Unset outside `/:id/` routes, whatever AppEnv says.
    const config = (c.get('endpoint') as AppEnv['Variables']['endpoint'] | undefined)?.config
    const headers = config ? (byEndpoint.get(config) ?? endpointHeaders(config)) : site
    for (const [name, value] of headers) c.res.headers.set(name, value)
  }
}
