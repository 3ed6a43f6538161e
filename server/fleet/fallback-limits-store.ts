import type { LimitsStore } from '../security/limits-store.ts'

export interface FallbackLimitsStoreOptions {
  /** The shared store (Redis). */
  primary: LimitsStore
  /** Counts while the shared store is away: this process's memory. */
  fallback: LimitsStore
  /** One line when an outage starts and one when it ends. */
  warn: (line: string) => void
  /** Called once per outage (a metric). */
  onOutage?: () => void
  /** During an outage, how often one request probes the shared store again (default 1 s). */
  retryEveryMs?: number
  now?: () => number
}

/**
 * The shared store, or per-process counting while it fails: a limit is never the reason a
 * request errors. During an outage one call a second probes the shared store (so a Redis that
 * hangs costs one command timeout a second, not one per request) and the first that succeeds
 * ends the outage; a slot is released in the store that opened it.
 */
export function createFallbackLimitsStore(options: FallbackLimitsStoreOptions): LimitsStore {
  const { primary, fallback } = options
  const retryEveryMs = options.retryEveryMs ?? 1000
  const now = options.now ?? (() => Date.now())
  let down = false
  let probedAt = 0
  const attempt = async <T>(call: (store: LimitsStore) => Promise<T>): Promise<T> => {
    if (down && now() - probedAt < retryEveryMs) return call(fallback)
    probedAt = now()
    try {
      const result = await call(primary)
      if (down) {
        down = false
        options.warn('limits: Redis is back; counting across the fleet again')
      }
      return result
    } catch (error) {
      if (!down) {
        down = true
        options.onOutage?.()
        options.warn(
          `limits: Redis failed (${(error as Error).message}); counting per process until it is back`,
        )
      }
      return call(fallback)
    }
  }
  return {
    take: (scope, key, perMinute) => attempt((store) => store.take(scope, key, perMinute)),
    openSlot: (scope, key, max) => attempt((store) => store.openSlot(scope, key, max)),
    slotCount: (scope, key) => attempt((store) => store.slotCount(scope, key)),
  }
}
