import { describe, expect, it } from 'vitest'
import { createMemoryLimitsStore, type LimitsStore } from '../security/limits-store.ts'
import { createUploadGate, type UploadGateOptions } from './upload-gate.ts'

const PER_ADDRESS = 2

function gateOf(options: Partial<UploadGateOptions> = {}, store = createMemoryLimitsStore()) {
  return createUploadGate(
    {
      maxConcurrent: 3,
      maxWaitingPerAddress: 2,
      maxWaiting: 4,
      maxWaitMs: 1000,
      retryMs: 1000,
      ...options,
    },
    store,
  )
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('createUploadGate', () => {
  it('lets an address have its cap in flight, queues the next and admits it on a release', async () => {
    const gate = gateOf()
    const first = await gate.enter('a', PER_ADDRESS)
    await gate.enter('a', PER_ADDRESS)
    let third = false
    const waiting = gate.enter('a', PER_ADDRESS).then((release) => ((third = true), release))
    await settle()
    expect(third).toBe(false)
    // Another address is not held up by a's queue.
    await gate.enter('b', PER_ADDRESS)
    first()
    first()
    await waiting
    expect(third).toBe(true)
    expect(gate.inFlight()).toBe(3)
  })

  it('caps the process: a fourth upload from anyone waits', async () => {
    const gate = gateOf()
    const releases = [
      await gate.enter('a', PER_ADDRESS),
      await gate.enter('b', PER_ADDRESS),
      await gate.enter('c', PER_ADDRESS),
    ]
    let admitted = false
    const waiting = gate.enter('d', PER_ADDRESS).then(() => (admitted = true))
    await settle()
    expect(admitted).toBe(false)
    releases[1]!()
    await waiting
    expect(admitted).toBe(true)
  })

  it('refuses past an address its waiting line with 429, a full line with 503, and a wait too long with 503', async () => {
    const gate = gateOf({ maxWaitMs: 50, maxConcurrent: 10 })
    await gate.enter('a', PER_ADDRESS)
    await gate.enter('a', PER_ADDRESS)
    const waiters = [gate.enter('a', PER_ADDRESS), gate.enter('a', PER_ADDRESS)]
    await expect(gate.enter('a', PER_ADDRESS)).rejects.toMatchObject({
      status: 429,
      code: 'too_many_uploads',
    })
    await gate.enter('b', PER_ADDRESS)
    await gate.enter('b', PER_ADDRESS)
    waiters.push(gate.enter('b', PER_ADDRESS), gate.enter('b', PER_ADDRESS))
    // Four are waiting: the whole line is full, whoever asks next.
    await expect(gate.enter('c', 0)).rejects.toMatchObject({ status: 503, code: 'server_busy' })
    for (const waiter of waiters) {
      await expect(waiter).rejects.toMatchObject({ status: 503, code: 'server_busy' })
    }
  })

  it("counts an address's uploads in the shared store, so a slot freed elsewhere is found on the next try", async () => {
    const shared = createMemoryLimitsStore()
    const here = gateOf({ retryMs: 30 }, shared)
    // Another instance holds both of the address's slots in the same store.
    const elsewhere: Array<() => void> = []
    for (let i = 0; i < PER_ADDRESS; i++) {
      elsewhere.push((await shared.openSlot('upload-address', 'a', PER_ADDRESS))!)
    }
    let admitted = false
    const waiting = here.enter('a', PER_ADDRESS).then((release) => ((admitted = true), release))
    await settle()
    expect(admitted).toBe(false)
    elsewhere[0]!()
    const release = await waiting
    expect(await shared.slotCount('upload-address', 'a')).toBe(PER_ADDRESS)
    release()
    expect(await shared.slotCount('upload-address', 'a')).toBe(PER_ADDRESS - 1)
  })

  it("gives the process's turn back when the address's store refuses", async () => {
    const store = createMemoryLimitsStore()
    const refusingA: LimitsStore = {
      ...store,
      openSlot: async (scope, key, max) => (key === 'a' ? null : store.openSlot(scope, key, max)),
    }
    const gate = gateOf({ maxConcurrent: 1, maxWaitMs: 30, retryMs: 10 }, refusingA)
    await expect(gate.enter('a', PER_ADDRESS)).rejects.toMatchObject({ status: 503 })
    // The one turn of the process is free again.
    await gate.enter('b', PER_ADDRESS)
    expect(gate.inFlight()).toBe(1)
  })

  it('keeps waiters of a full address from waking each other in a loop', async () => {
    const store = createMemoryLimitsStore()
    let tries = 0
    const counting: LimitsStore = {
      ...store,
      async openSlot(scope, key, max) {
        if (++tries > 100) throw new Error('waiters are spinning')
        return store.openSlot(scope, key, max)
      },
    }
    const gate = gateOf({ retryMs: 40 }, counting)
    const holding = await gate.enter('a', 1)
    const waiters = [gate.enter('a', 1), gate.enter('a', 1)]
    await new Promise((resolve) => setTimeout(resolve, 100))
    // Two waiters asking again every 40 ms: a handful of tries, not a spin.
    expect(tries).toBeLessThan(12)
    holding()
    const [first] = await Promise.race(waiters.map((waiter) => waiter.then((r) => [r])))
    first!()
    await Promise.all(waiters)
  })
})
