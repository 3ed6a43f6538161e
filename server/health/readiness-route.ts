import type { Handler } from 'hono'
import type { AppEnv } from '../app-env.ts'

/** One thing readiness depends on: resolves to why it is not ready, or nothing. */
export type ReadinessCheck = () => Promise<string[]>

export interface ReadinessOptions {
  checks: readonly ReadinessCheck[]
  /** True once shutdown began: the balancer should stop sending new visitors at once. */
  draining: () => boolean
}

/**
 * `GET /readyz`: 200 `{"ready":true}` when every check passes, else 503 with the reasons. The
 * reasons name endpoints and services, never a URL or a key. `/healthz` stays liveness only.
 */
export function readinessHandler(options: ReadinessOptions): Handler<AppEnv> {
  return async (c) => {
    c.header('Cache-Control', 'no-store')
    if (options.draining()) return c.json({ ready: false, reasons: ['shutting down'] }, 503)
    const reasons = (await Promise.all(options.checks.map((check) => check()))).flat()
    if (reasons.length > 0) return c.json({ ready: false, reasons }, 503)
    return c.json({ ready: true })
  }
}
