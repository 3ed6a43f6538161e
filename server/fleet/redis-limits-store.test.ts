import { describe, expect, it } from 'vitest'
import { createMemoryLimitsStore } from '../security/limits-store.ts'
import { createFallbackLimitsStore } from './fallback-limits-store.ts'
import { createRedisConversationMap } from './redis-conversation-map.ts'
import { createRedisLimitsStore } from './redis-limits-store.ts'
import { createSharedStoreOutage } from './shared-store-outage.ts'
import { useTestRedis } from './test-redis.ts'

const { client, server: redis } = useTestRedis()

describe('the Redis limits store', () => {
  it('counts one budget across every instance that shares the Redis', async () => {
    const a = createRedisLimitsStore(await client(), { prefix: 'shared-budget' })
    const b = createRedisLimitsStore(await client(), { prefix: 'shared-budget' })
    expect(await a.take('visitor', 'talk v1', 3)).toBe(0)
    expect(await b.take('visitor', 'talk v1', 3)).toBe(0)
    expect(await a.take('visitor', 'talk v1', 3)).toBe(0)
    const wait = await b.take('visitor', 'talk v1', 3)
    expect(wait).toBeGreaterThanOrEqual(1)
    expect(wait).toBeLessThanOrEqual(60)
    // Scopes and keys count apart.
    expect(await b.take('address', 'talk v1', 3)).toBe(0)
    expect(await b.take('visitor', 'talk v2', 3)).toBe(0)
  })

  it('caps slots across instances, and a release frees one for the other instance', async () => {
    const a = createRedisLimitsStore(await client(), { prefix: 'shared-slots' })
    const b = createRedisLimitsStore(await client(), { prefix: 'shared-slots' })
    const first = await a.openSlot('stream', 'v', 2)
    const second = await b.openSlot('stream', 'v', 2)
    expect(first).not.toBeNull()
    expect(second).not.toBeNull()
    expect(await a.openSlot('stream', 'v', 2)).toBeNull()
    expect(await b.slotCount('stream', 'v')).toBe(2)
    first!()
    first!()
    await expect.poll(() => b.slotCount('stream', 'v')).toBe(1)
    expect(await b.openSlot('stream', 'v', 2)).not.toBeNull()
  })

  it('frees the slot of an instance that died holding it once its TTL passes', async () => {
    const dying = await client()
    const store = createRedisLimitsStore(dying, { prefix: 'ttl', slotTtlMs: 600 })
    expect(await store.openSlot('stream', 'v', 1)).not.toBeNull()
    dying.disconnect() // no release, no refresh: a killed process
    const survivor = createRedisLimitsStore(await client(), { prefix: 'ttl', slotTtlMs: 600 })
    expect(await survivor.openSlot('stream', 'v', 1)).toBeNull()
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(await survivor.openSlot('stream', 'v', 1)).not.toBeNull()
  })

  it('keeps a live stream’s slot past the TTL by refreshing it', async () => {
    const store = createRedisLimitsStore(await client(), { prefix: 'refresh', slotTtlMs: 300 })
    const release = await store.openSlot('stream', 'v', 1)
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(await store.slotCount('stream', 'v')).toBe(1)
    expect(await store.openSlot('stream', 'v', 1)).toBeNull()
    release!()
    await expect.poll(() => store.slotCount('stream', 'v')).toBe(0)
  })
})

describe('the fallback store over Redis', () => {
  it('counts per process while Redis is down, warns once, and returns to Redis without a restart', async () => {
    const lines: string[] = []
    let outages = 0
    const shared = createRedisLimitsStore(await client(), { prefix: 'outage' })
    const store = createFallbackLimitsStore({
      primary: shared,
      fallback: createMemoryLimitsStore(),
      outage: createSharedStoreOutage({
        warn: (line) => lines.push(line),
        onOutage: () => outages++,
      }),
    })
    expect(await store.take('visitor', 'k', 100)).toBe(0)
    await redis().kill()
    const started = performance.now()
    for (let i = 0; i < 5; i++) expect(await store.take('visitor', 'k', 100)).toBe(0)
    expect(await store.openSlot('stream', 'v', 1)).not.toBeNull()
    expect(await store.openSlot('stream', 'v', 1)).toBeNull() // the memory cap holds meanwhile
    expect(performance.now() - started).toBeLessThan(2000) // no request waits on a dead Redis
    expect(outages).toBe(1)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/Redis failed.*per process/)

    await redis().restart()
    await expect
      .poll(async () => (await store.take('visitor', 'back', 1), lines.length), { timeout: 5000 })
      .toBe(2)
    expect(lines[1]).toMatch(/Redis is back/)
    // The count is in Redis again: another instance sees it.
    expect(await shared.take('visitor', 'back', 1)).toBeGreaterThan(0)
  })
})

describe('the Redis conversation map', () => {
  it('maps a digest to a conversation for every instance, for ttlSeconds', async () => {
    const a = createRedisConversationMap(await client(), { prefix: 'oai', ttlSeconds: 1 })
    const b = createRedisConversationMap(await client(), { prefix: 'oai', ttlSeconds: 1 })
    expect(await b.get('d1')).toBeUndefined()
    await a.set('d1', 'conv-1')
    expect(await b.get('d1')).toBe('conv-1')
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(await b.get('d1')).toBeUndefined()
  })
})
