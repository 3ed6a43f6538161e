import { describe, expect, it } from 'vitest'
import { createMemoryTaskOwners } from '../runs/task-owners.ts'
import { createFallbackTaskOwners } from './fallback-task-owners.ts'
import { createRedisTaskOwners } from './redis-task-owners.ts'
import { createSharedStoreOutage } from './shared-store-outage.ts'
import { useTestRedis } from './test-redis.ts'

const { client, server: redis } = useTestRedis()

/** One instance's owners as fleet-state.ts builds them, with its warning lines. */
async function instance() {
  const lines: string[] = []
  const owners = createFallbackTaskOwners({
    shared: createRedisTaskOwners(await client(), { prefix: 'owners' }),
    local: createMemoryTaskOwners(),
    outage: createSharedStoreOutage({ warn: (line) => lines.push(line), retryEveryMs: 100 }),
  })
  return { owners, lines }
}

describe('the task owners in Redis', () => {
  it('tells every instance who started a task, for 24 h', async () => {
    const a = await instance()
    const b = await instance()
    await a.owners.claim('task:t-1', 'chatskins:flow:ann')
    expect(await b.owners.ownerOf('task:t-1')).toBe('chatskins:flow:ann')
    expect(await b.owners.ownerOf('task:t-2')).toBeUndefined()
    const ttl = await (await client()).ttl('owners:task-owner:task:t-1')
    expect(ttl).toBeGreaterThan(24 * 3600 - 60)
    expect(ttl).toBeLessThanOrEqual(24 * 3600)
  })

  it('forgets an owner when its TTL passes', async () => {
    const shared = createRedisTaskOwners(await client(), { prefix: 'short', ttlSeconds: 1 })
    await shared.claim('run:r-1', 'ann')
    expect(await shared.ownerOf('run:r-1')).toBe('ann')
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(await shared.ownerOf('run:r-1')).toBeUndefined()
  })

  it('keeps its own claims through a Redis outage, refuses the rest, and shares again after', async () => {
    const a = await instance()
    const b = await instance()
    await a.owners.claim('task:before', 'ann')
    await redis().kill()
    const started = performance.now()
    await a.owners.claim('task:during', 'ann')
    expect(await a.owners.ownerOf('task:during')).toBe('ann')
    // B can't ask Redis: an owner it doesn't know is no owner, so bob can't stop ann's task.
    expect(await b.owners.ownerOf('task:before')).toBeUndefined()
    expect(performance.now() - started).toBeLessThan(2000)
    expect(a.lines).toEqual([expect.stringMatching(/Redis failed.*per process/)])

    await redis().restart()
    await expect
      .poll(async () => (await a.owners.ownerOf('task:probe'), a.lines.length), { timeout: 5000 })
      .toBe(2)
    expect(a.lines[1]).toMatch(/Redis is back/)
    await a.owners.claim('task:after', 'ann')
    expect(await b.owners.ownerOf('task:after')).toBe('ann')
    // The claim made during the outage stays with the instance that relayed the task.
    expect(await a.owners.ownerOf('task:during')).toBe('ann')
  })
})
