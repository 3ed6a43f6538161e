import type { Context } from 'hono'
import { ConfigError } from '../config/config-error.ts'

/**
 * `PUBLIC_URL`: the origin visitors reach chatskins at (`https://chat.example.com`), for the
 * absolute URLs a link unfurler needs (`og:image`). Only its origin counts: chatskins serves from
 * the root of its host.
 */
export function parsePublicUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError('environment', 'PUBLIC_URL', `"${value}" is not an absolute URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('environment', 'PUBLIC_URL', 'must be an http: or https: URL')
  }
  return url.origin
}

/**
 * The origin to put in absolute URLs: `PUBLIC_URL` when set; else the request's own, with the
 * first `X-Forwarded-Proto`/`-Host` when TRUST_PROXY says a proxy in front sets them.
 */
export function publicOriginOf(c: Context, publicUrl: string | undefined, trustProxy: boolean) {
  if (publicUrl) return publicUrl
  const own = new URL(c.req.url)
  if (!trustProxy) return own.origin
  const first = (name: string) => c.req.header(name)?.split(',')[0]?.trim()
  const proto = first('x-forwarded-proto')
  const host = first('x-forwarded-host')
  const origin = `${proto === 'https' || proto === 'http' ? proto : own.protocol.slice(0, -1)}://${host || own.host}`
  try {
    return new URL(origin).origin
  } catch {
    return own.origin
  }
}
