import type { Redis } from 'ioredis'
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { LimitsStore, ReleaseSlot } from '../security/limits-store.ts'

export interface RedisLimitsStoreOptions {
  /** Namespace of every key, so several deployments can share one Redis. */
  prefix?: string
  /** How long a slot outlives its holder if the holder dies without releasing it. */
  slotTtlMs?: number
}

/**
 * Takes a slot if fewer than ARGV[1] live ones exist. Slots are members of a sorted set scored by
 * their expiry (Redis's own clock, so instances with skewed clocks agree); dead ones are dropped
 * first. KEYS[1] = the set, ARGV = max, ttl ms, slot id.
 */
const OPEN_SLOT = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`

/** Pushes a held slot's expiry forward. KEYS[1] = the set, ARGV = ttl ms, slot id. */
const REFRESH_SLOT = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
if redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[2]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return 1`

/** Live slots in KEYS[1]. */
const COUNT_SLOTS = `
local t = redis.call('TIME')
return redis.call('ZCOUNT', KEYS[1], '(' .. (t[1] * 1000 + math.floor(t[2] / 1000)), '+inf')`

/**
 * The limits of a fleet, in Redis. Budgets are rate-limiter-flexible's RateLimiterRedis (an
 * atomic increment per fixed minute). Stream slots are a sorted set per visitor whose members
 * expire: the holder refreshes its slot while the stream lives, so a slot of an instance that
 * was killed frees itself within `slotTtlMs`. Errors reject; the fallback store handles them.
 */
export function createRedisLimitsStore(
  redis: Redis,
  options: RedisLimitsStoreOptions = {},
): LimitsStore {
  const prefix = options.prefix ?? 'chatskins'
  const slotTtlMs = options.slotTtlMs ?? 30_000
  const limiters = new Map<string, RateLimiterRedis>()
  const limiter = (scope: string, perMinute: number) => {
    const name = `${scope}:${perMinute}`
    let found = limiters.get(name)
    if (!found) {
      found = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:rate:${name}`,
        points: perMinute,
        duration: 60,
        rejectIfRedisNotReady: true,
      })
      limiters.set(name, found)
    }
    return found
  }
  const slotKey = (scope: string, key: string) => `${prefix}:slots:${scope}:${key}`

  return {
    async take(scope, key, perMinute) {
      try {
        await limiter(scope, perMinute).consume(key)
        return 0
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes)
          return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))
        throw refusal
      }
    },

    async openSlot(scope, key, max): Promise<ReleaseSlot | null> {
      const set = slotKey(scope, key)
      const id = crypto.randomUUID()
      const opened = await redis.eval(OPEN_SLOT, 1, set, max, slotTtlMs, id)
      if (opened !== 1) return null
      const refresh = setInterval(
        () => void redis.eval(REFRESH_SLOT, 1, set, slotTtlMs, id).catch(() => {}),
        slotTtlMs / 3,
      )
      refresh.unref()
      let released = false
      return () => {
        if (released) return
        released = true
        clearInterval(refresh)
        // Unreachable Redis: the slot's expiry frees it instead.
        redis.zrem(set, id).catch(() => {})
      }
    },

    async slotCount(scope, key) {
      return Number(await redis.eval(COUNT_SLOTS, 1, slotKey(scope, key)))
    },
  }
}
