export interface RateLimiterOptions {
  /** Keys kept at most; past it the least recently used is forgotten, so memory stays bounded. */
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
 * bucket refilled behave the same, which is why forgetting the least recently used is safe.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const maxKeys = options.maxKeys ?? 50_000
  const now = options.now ?? Date.now
  // A Map iterates in insertion order; re-inserting on each use keeps it least-recent first.
  const buckets = new Map<string, Bucket>()

  return {
    take(key, perMinute) {
      const at = now()
      const perMs = perMinute / 60_000
      const bucket = buckets.get(key)
      const tokens = bucket
        ? Math.min(perMinute, bucket.tokens + (at - bucket.at) * perMs)
        : perMinute
      buckets.delete(key)
      if (tokens < 1) {
        buckets.set(key, { tokens, at })
        return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000))
      }
      buckets.set(key, { tokens: tokens - 1, at })
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!)
      return 0
    },
    size: () => buckets.size,
  }
}
