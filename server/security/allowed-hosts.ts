import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { errorResponse, HttpError } from '../errors.ts'

/**
 * Answers 421 to a request whose host (`Host`, or a trusted `X-Forwarded-Host`; the port ignored)
 * is not one of `hosts`: a page on another name that DNS-rebinds to this server then reaches
 * nothing. `/healthz` answers whatever the name, for probes that address the machine directly.
 */
export function allowedHostsOnly(
  hosts: readonly string[],
  trustProxy: boolean,
): MiddlewareHandler<AppEnv> {
  const allowed = new Set(hosts)
  return async (c, next) => {
    const forwarded = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : ''
    let host: string
    try {
      host = new URL(`http://${forwarded || c.req.header('host') || ''}`).hostname
    } catch {
      host = ''
    }
    host = host.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '')
    if (allowed.has(host) || c.req.path === '/healthz') return next()
    return errorResponse(
      new HttpError(421, 'misdirected_request', 'This server does not answer for that host name.'),
    )
  }
}
