import { ConfigError } from './config-error.ts'
import type { RedisConfig } from './types.ts'

/**
 * `redis`: `{"url": "redis://…"}` (or `rediss://` for TLS). Messages never repeat the URL: it may
 * carry a password.
 */
export function validateRedis(
  raw: unknown,
  source: string,
  describeField: (path: string) => string = (path) => path,
): RedisConfig {
  const field = 'redis'
  const fail = (at: string, problem: string): never => {
    throw new ConfigError(source, describeField(at), problem)
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail(field, 'must be an object: {"url": "redis://host:6379"}')
  }
  for (const key of Object.keys(raw)) if (key !== 'url') fail(`${field}.${key}`, 'unknown field')
  const { url } = raw as { url?: unknown }
  if (typeof url !== 'string' || url === '') return fail(`${field}.url`, 'is missing')
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return fail(`${field}.url`, 'is not a valid URL')
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    fail(`${field}.url`, 'must be a redis:// or rediss:// URL')
  }
  if (!parsed.hostname) fail(`${field}.url`, 'needs a host')
  return { url }
}
