import { DurableObject } from 'cloudflare:workers'
import { createRateLimiter } from '../security/rate-limiter.ts'

const SLOT = 'slot:'
/**
 * A slot still held after this long is taken for lost (an isolate that died mid-stream never
 * releases it): far longer than answers take, so at worst it frees a slot early.
 */
const SLOT_LEASE_MS = 15 * 60_000

/**
 * The limits of one `scope` and key (durable-limits-store.ts names one instance per pair), so
 * every isolate of the Worker counts in the same place. The request budget lives in memory: the
 * runtime evicts an idle object only after more than the minute a budget takes to refill, so
 * nothing a visitor could notice is lost. Slots live in storage, as a stream can outlast that.
 */
export class LimitsCounter extends DurableObject {
  private readonly budget = createRateLimiter({ maxKeys: 2 })

  async take(perMinute: number): Promise<number> {
    return this.budget.take('', perMinute)
  }

  /** An id to release the slot with, or null when `max` are held. */
  async openSlot(max: number): Promise<string | null> {
    if ((await this.liveSlots()) >= max) return null
    const id = crypto.randomUUID()
    await this.ctx.storage.put(SLOT + id, Date.now())
    return id
  }

  async releaseSlot(id: string): Promise<void> {
    await this.ctx.storage.delete(SLOT + id)
  }

  async slotCount(): Promise<number> {
    return this.liveSlots()
  }

  private async liveSlots(): Promise<number> {
    const now = Date.now()
    let live = 0
    for (const [key, openedAt] of await this.ctx.storage.list<number>({ prefix: SLOT })) {
      if (now - openedAt < SLOT_LEASE_MS) live++
      else await this.ctx.storage.delete(key)
    }
    return live
  }
}
