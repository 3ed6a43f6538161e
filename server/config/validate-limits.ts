import { isRecord } from '../../contract/guards.ts'
import { ConfigError } from './config-error.ts'
import type { ServerLimitsConfig } from './types.ts'

/**
 * Streamed through, an upload holds a socket each way and a few chunks, not its whole body; the
 * cap keeps a flood of them from taking every socket and file descriptor of the process.
 */
export const DEFAULT_SERVER_LIMITS: ServerLimitsConfig = { uploadsAtOnce: 32 }

const MAX_UPLOADS_AT_ONCE = 10_000

/** The top-level `limits`: any subset of the fields; the rest keep their defaults. */
export function validateServerLimits(raw: unknown, source: string): ServerLimitsConfig {
  if (!isRecord(raw)) {
    throw new ConfigError(source, 'limits', 'must be an object such as {"uploadsAtOnce": 32}')
  }
  const limits = { ...DEFAULT_SERVER_LIMITS }
  for (const [key, value] of Object.entries(raw)) {
    if (key !== 'uploadsAtOnce') throw new ConfigError(source, `limits.${key}`, 'unknown field')
    if (
      !Number.isInteger(value) ||
      (value as number) < 1 ||
      (value as number) > MAX_UPLOADS_AT_ONCE
    ) {
      throw new ConfigError(
        source,
        `limits.${key}`,
        `must be a whole number from 1 to ${MAX_UPLOADS_AT_ONCE}`,
      )
    }
    limits.uploadsAtOnce = value as number
  }
  return limits
}
