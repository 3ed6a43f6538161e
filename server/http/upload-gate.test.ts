import { describe, expect, it } from 'vitest'
import { createUploadGate } from './upload-gate.ts'

const gateOf = (maxWaitMs = 1000) =>
  createUploadGate({ maxConcurrent: 3, maxPerAddress: 2, maxWaitingPerAddress: 2, maxWaitMs })

describe('createUploadGate', () => {
  it('lets an address have two uploads in flight, queues the next and admits it on a release', async () => {
    const gate = gateOf()
    const first = await gate.enter('a')
    await gate.enter('a')
    let third = false
    const waiting = gate.enter('a').then((release) => ((third = true), release))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(third).toBe(false)
    // Another address is not held up by a's queue.
    await gate.enter('b')
    first()
    first()
    await waiting
    expect(third).toBe(true)
    expect(gate.inFlight()).toBe(3)
  })

  it('caps the process: a fourth upload from anyone waits', async () => {
    const gate = gateOf()
    const releases = [await gate.enter('a'), await gate.enter('b'), await gate.enter('c')]
    let admitted = false
    const waiting = gate.enter('d').then(() => (admitted = true))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(admitted).toBe(false)
    releases[1]!()
    await waiting
    expect(admitted).toBe(true)
  })

  it('refuses past the waiting line with 429, and a wait too long with 503', async () => {
    const gate = gateOf(50)
    await gate.enter('a')
    await gate.enter('a')
    const waiters = [gate.enter('a'), gate.enter('a')]
    await expect(gate.enter('a')).rejects.toMatchObject({ status: 429, code: 'too_many_uploads' })
    for (const waiter of waiters) {
      await expect(waiter).rejects.toMatchObject({ status: 503, code: 'server_busy' })
    }
  })

  it('lets a browser that leaves while waiting out of the line', async () => {
    const gate = gateOf()
    const release = await gate.enter('a')
    await gate.enter('a')
    const controller = new AbortController()
    const waiting = gate.enter('a', controller.signal)
    controller.abort()
    await expect(waiting).rejects.toMatchObject({ status: 503 })
    release()
    expect(gate.inFlight()).toBe(1)
  })
})
