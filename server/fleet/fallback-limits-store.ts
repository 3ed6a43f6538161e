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
}

/**
 * The shared store, or per-process counting while it fails: a limit is never the reason a
 * request errors. Every call tries the shared store first, so the first call after Redis is back
 * uses it again; a slot is released in the store that opened it.
 */
export function createFallbackLimitsStore(options: FallbackLimitsStoreOptions): LimitsStore {
  const { primary, fallback } = options
  let down = false
  const attempt = async <T>(call: (store: LimitsStore) => Promise<T>): Promise<T> => {
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
