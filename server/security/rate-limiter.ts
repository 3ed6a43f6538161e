export interface RateLimiterOptions {
  /** Keys kept at most (default 50,000); the least recently used are forgotten first. */
  maxKeys?: number
  now?: () => number
}

export interface RateLimiter {
  /**
   * Takes one request from `key`'s budget of `perMinute`. Returns 0 when the request may go
   * ahead, else the whole seconds until it may (for `Retry-After`, RFC 9110 §10.2.3).
   */
  take(key: string, perMinute: number): number
  /** Keys currently remembered. */
  size(): number
}

interface Bucket {
  tokens: number
  at: number
}

/**
 * A token bucket per key: `perMinute` requests at once, refilled evenly over a minute, so a
 * burst is allowed and a steady flood is held to the rate. A key never seen and a key whose
 * bucket refilled behave the same, which is why forgetting keys is safe: it can only make a limit
 * looser for that key, never stricter.
 *
 * Memory is bounded by two generations of at most `maxKeys / 2` keys: a key used moves to the
 * current one; when it is full, the previous generation is dropped whole. Every step is O(1),
 * also under a flood of fresh keys (deleting from the front of one big Map is not: V8 skips the
 * deleted entries on each walk).
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const generationSize = Math.max(1, Math.floor((options.maxKeys ?? 50_000) / 2))
  const now = options.now ?? Date.now
  let current = new Map<string, Bucket>()
  let previous = new Map<string, Bucket>()

  const store = (key: string, bucket: Bucket) => {
    if (!current.has(key) && current.size >= generationSize) {
      previous = current
      current = new Map()
    }
    current.set(key, bucket)
  }

  return {
    take(key, perMinute) {
      const at = now()
      const perMs = perMinute / 60_000
      const bucket = current.get(key) ?? previous.get(key)
      const tokens = bucket
        ? Math.min(perMinute, bucket.tokens + (at - bucket.at) * perMs)
        : perMinute
      const allowed = tokens >= 1
      store(key, { tokens: allowed ? tokens - 1 : tokens, at })
      return allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000))
    },
    size: () => current.size + [...previous.keys()].filter((key) => !current.has(key)).length,
  }
}
