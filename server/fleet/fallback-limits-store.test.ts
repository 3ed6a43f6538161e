import { describe, expect, it } from 'vitest'
import { createMemoryLimitsStore, type LimitsStore } from '../security/limits-store.ts'
import { createFallbackLimitsStore } from './fallback-limits-store.ts'
import { createSharedStoreOutage } from './shared-store-outage.ts'

describe('the fallback store', () => {
  it('probes a failing shared store once a second, not on every request', async () => {
    let now = 0
    let calls = 0
    let failing = true
    const shared = createMemoryLimitsStore()
    const flaky: LimitsStore = {
      ...shared,
      async take(scope, key, perMinute) {
        calls++
        if (failing) throw new Error('Command timed out')
        return shared.take(scope, key, perMinute)
      },
    }
    const lines: string[] = []
    const store = createFallbackLimitsStore({
      primary: flaky,
      fallback: createMemoryLimitsStore(),
      outage: createSharedStoreOutage({ warn: (line) => lines.push(line), now: () => now }),
    })
    for (let i = 0; i < 20; i++) expect(await store.take('visitor', 'k', 100)).toBe(0)
    expect(calls).toBe(1)
    now = 1000
    await store.take('visitor', 'k', 100)
    expect(calls).toBe(2)
    failing = false
    now = 2000
    await store.take('visitor', 'k', 100)
    await store.take('visitor', 'k', 100)
    expect(calls).toBe(4)
    expect(lines).toEqual([
      expect.stringMatching(/Command timed out/),
      expect.stringMatching(/Redis is back/),
    ])
  })
})
