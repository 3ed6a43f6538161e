import { describe, expect, it } from 'vitest'
import { createMemoryTaskOwners } from './task-owners.ts'

describe('createMemoryTaskOwners', () => {
  it('answers the owner of a claimed id and nothing for others', async () => {
    const owners = createMemoryTaskOwners()
    await owners.claim('task-1', 'ann')
    expect(await owners.ownerOf('task-1')).toBe('ann')
    expect(await owners.ownerOf('task-2')).toBeUndefined()
  })

  it('forgets the oldest id beyond its size and any id past its time', async () => {
    let clock = 0
    const owners = createMemoryTaskOwners({ maxEntries: 2, ttlMs: 1000, now: () => clock })
    await owners.claim('a', 'ann')
    await owners.claim('b', 'bob')
    await owners.claim('c', 'cid')
    expect(await owners.ownerOf('a')).toBeUndefined()
    expect(await owners.ownerOf('b')).toBe('bob')
    clock = 1001
    expect(await owners.ownerOf('c')).toBeUndefined()
  })
})
