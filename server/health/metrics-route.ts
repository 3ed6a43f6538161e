import type { Handler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpError } from '../errors.ts'

export interface MetricsRouteOptions {
  /** METRICS_TOKEN: the scraper sends `Authorization: Bearer <token>`. */
  token: string
  /** The exposition text and its content type (the runtime's metrics registry). */
  render: () => Promise<{ contentType: string; body: string }>
}

/** `GET /metrics` on the public port, for a scraper holding the token; 404 for everyone else. */
export function metricsHandler(options: MetricsRouteOptions): Handler<AppEnv> {
  const expected = new TextEncoder().encode(`Bearer ${options.token}`)
  return async (c) => {
    const given = new TextEncoder().encode(c.req.header('authorization') ?? '')
    if (!sameBytes(given, expected)) throw new HttpError(404, 'not_found', 'Nothing here.')
    const { contentType, body } = await options.render()
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' })
  }
}

/** Compares in time that depends only on the length, so the token can't be guessed byte by byte. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ b[i]!
  return difference === 0
}
