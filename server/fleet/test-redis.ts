import type { Redis } from 'ioredis'
import { afterAll, beforeAll, expect } from 'vitest'
import { createRedisClient, whenReady } from './redis-client.ts'
import { runRedis, type RunningRedis } from './run-redis.ts'

/**
 * For a test file: a real redis-server for the whole file, and `client()` to connect to it the
 * way an instance does; every client is disconnected and the server stopped afterwards.
 */
export function useTestRedis() {
  let redis: RunningRedis
  const clients: Redis[] = []
  beforeAll(async () => {
    redis = await runRedis()
  })
  afterAll(async () => {
    for (const client of clients) client.disconnect()
    await redis.stop()
  })
  return {
    /** The running server (kill and restart it for outages). */
    server: () => redis,
    async client() {
      const created = createRedisClient(redis.url)
      clients.push(created)
      expect(await whenReady(created)).toBe(true)
      return created
    },
  }
}
