import { createRateLimiter, type RateLimiter } from './rate-limiter.ts'
import { createStreamSlots, type StreamSlots } from './stream-slots.ts'

/** Frees a held slot; safe to call twice. Never throws: a store that can't be reached forgets it. */
export type ReleaseSlot = () => void

/**
 * Where the limits count: request budgets and concurrent-slot caps, each kept apart by `scope`
 * (for example `visitor` and `address`, so a flood of fresh visitor ids can't push the per-IP
 * counts out). One process keeps them in memory; a fleet shares them (Redis, a Durable Object).
 * Every method is async because the shared stores are.
 */
export interface LimitsStore {
  /**
   * Takes one request from `key`'s budget of `perMinute` in `scope`. Resolves to 0 when the
   * request may go ahead, else the whole seconds until it may (for `Retry-After`, RFC 9110 §10.2.3).
   */
  take(scope: string, key: string, perMinute: number): Promise<number>
  /** A slot for `key` in `scope` if it holds fewer than `max`, else null. */
  openSlot(scope: string, key: string, max: number): Promise<ReleaseSlot | null>
  /** Slots `key` holds in `scope` now. */
  slotCount(scope: string, key: string): Promise<number>
}

/** The limits of one process: token buckets and slot counts in memory, one set per scope. */
export function createMemoryLimitsStore(): LimitsStore {
  const limiters = new Map<string, RateLimiter>()
  const slots = new Map<string, StreamSlots>()
  const limiter = (scope: string) => {
    let found = limiters.get(scope)
    if (!found) limiters.set(scope, (found = createRateLimiter()))
    return found
  }
  const slotsOf = (scope: string) => {
    let found = slots.get(scope)
    if (!found) slots.set(scope, (found = createStreamSlots()))
    return found
  }
  return {
    take: async (scope, key, perMinute) => limiter(scope).take(key, perMinute),
    openSlot: async (scope, key, max) => slotsOf(scope).open(key, max),
    slotCount: async (scope, key) => slotsOf(scope).count(key),
  }
}
