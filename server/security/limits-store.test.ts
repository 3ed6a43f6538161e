import { describe, expect, it } from 'vitest'
import { createMemoryLimitsStore } from './limits-store.ts'

describe('createMemoryLimitsStore', () => {
  it('counts budgets per scope, so one scope running dry leaves the other alone', async () => {
    const store = createMemoryLimitsStore()
    expect(await store.take('visitor', 'ann', 1)).toBe(0)
    expect(await store.take('visitor', 'ann', 1)).toBeGreaterThan(0)
    expect(await store.take('address', 'ann', 1)).toBe(0)
  })

  it('caps slots per scope and key, and frees one on release', async () => {
    const store = createMemoryLimitsStore()
    const release = await store.openSlot('stream', 'ann', 1)
    expect(release).not.toBeNull()
    expect(await store.openSlot('stream', 'ann', 1)).toBeNull()
    expect(await store.openSlot('address-stream', 'ann', 1)).not.toBeNull()
    release!()
    expect(await store.slotCount('stream', 'ann')).toBe(0)
  })
})
