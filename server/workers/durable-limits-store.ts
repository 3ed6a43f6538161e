import { waitUntil, type DurableObjectNamespace } from 'cloudflare:workers'
import type { LimitsStore } from '../security/limits-store.ts'
import type { LimitsCounter } from './limits-counter.ts'

/**
 * The limits of a Worker: one LimitsCounter Durable Object per scope and key, shared by every
 * isolate everywhere, so no count lives in one isolate's memory. A key per object keeps each
 * object's traffic to one visitor's or one address's.
 */
export function createDurableLimitsStore(
  counters: DurableObjectNamespace<LimitsCounter>,
): LimitsStore {
  const counter = (scope: string, key: string) =>
    counters.get(counters.idFromName(`${scope} ${key}`))
  return {
    take: (scope, key, perMinute) => counter(scope, key).take(perMinute),
    async openSlot(scope, key, max) {
      const stub = counter(scope, key)
      const slot = await stub.openSlot(max)
      if (slot === null) return null
      let released = false
      return () => {
        if (released) return
        released = true
        // Released when an answer ends, often after the response: the request must wait for it.
        waitUntil(stub.releaseSlot(slot).catch(() => {}))
      }
    },
    slotCount: (scope, key) => counter(scope, key).slotCount(),
  }
}
