import { Redis } from 'ioredis'

export interface RedisClientOptions {
  /** How long one command may take before it counts as an outage. */
  commandTimeoutMs?: number
}

/**
 * An ioredis client tuned to fail fast: no offline queue (a command while disconnected rejects at
 * once instead of piling up), a short command timeout, and reconnects every second at most, so
 * the limits fall back to memory within one request and return to Redis on their own.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs ?? 250,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  })
  // Errors surface on the commands (and the fallback store logs them once per outage); without a
  // listener ioredis would print every reconnect failure.
  redis.on('error', () => {})
  return redis
}

/** Resolves true once the client is connected, false after `timeoutMs` (the caller goes on). */
export function whenReady(redis: Redis, timeoutMs = 2000): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => (redis.off('ready', onReady), resolve(false)), timeoutMs)
    const onReady = () => (clearTimeout(timer), resolve(true))
    redis.once('ready', onReady)
  })
}
