import { ConfigError } from '../config/config-error.ts'
import type { Env } from '../config/from-environment.ts'

export interface MetricsSettings {
  /** METRICS_PORT: a separate listener for `/metrics` (0: any free port). */
  port?: number
  /** METRICS_TOKEN: `/metrics` on the public port for `Authorization: Bearer <token>`. */
  token?: string
}

/** Reads METRICS_PORT and METRICS_TOKEN; neither set means no `/metrics` anywhere. */
export function metricsSettings(env: Env): MetricsSettings {
  const settings: MetricsSettings = {}
  if (env.METRICS_PORT) {
    const port = Number(env.METRICS_PORT)
    if (!/^\d{1,5}$/.test(env.METRICS_PORT) || port > 65_535) {
      throw new ConfigError('environment', 'METRICS_PORT', 'must be a port number, 0 to 65535')
    }
    settings.port = port
  }
  if (env.METRICS_TOKEN) {
    if (env.METRICS_TOKEN.length < 16 || /\s/.test(env.METRICS_TOKEN)) {
      throw new ConfigError(
        'environment',
        'METRICS_TOKEN',
        'must be at least 16 characters without spaces',
      )
    }
    settings.token = env.METRICS_TOKEN
  }
  return settings
}
