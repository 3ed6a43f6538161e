import type { LimitsStore } from '../security/limits-store.ts'
import type { SharedStoreOutage } from './shared-store-outage.ts'

export interface FallbackLimitsStoreOptions {
  /** The shared store (Redis). */
  primary: LimitsStore
  /** Counts while the shared store is away: this process's memory. */
  fallback: LimitsStore
  /** Decides which of the two answers, and tells of outages. */
  outage: SharedStoreOutage
}

/**
 * The shared store, or per-process counting while it fails: a limit is never the reason a
 * request errors. A slot is released in the store that opened it.
 */
export function createFallbackLimitsStore(options: FallbackLimitsStoreOptions): LimitsStore {
  const { primary, fallback, outage } = options
  const attempt = <T>(call: (store: LimitsStore) => Promise<T>): Promise<T> =>
    outage.run(
      () => call(primary),
      () => call(fallback),
    )
  return {
    take: (scope, key, perMinute) => attempt((store) => store.take(scope, key, perMinute)),
    openSlot: (scope, key, max) => attempt((store) => store.openSlot(scope, key, max)),
    slotCount: (scope, key) => attempt((store) => store.slotCount(scope, key)),
  }
}
