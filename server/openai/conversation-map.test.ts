import { describe, expect, it } from 'vitest'
import { createMemoryConversationMap } from './conversation-map.ts'

describe('memory conversation map', () => {
  it('keeps at most its count, dropping the least recently used', async () => {
    const map = createMemoryConversationMap(2)
    await map.set('a', 'conversation-a')
    await map.set('b', 'conversation-b')
    expect(await map.get('a')).toBe('conversation-a')
    await map.set('c', 'conversation-c')
    expect(await map.get('b')).toBeUndefined()
    expect(await map.get('a')).toBe('conversation-a')
    expect(await map.get('c')).toBe('conversation-c')
  })

  it('moves a digest to the newest conversation when it is set again', async () => {
    const map = createMemoryConversationMap(2)
    await map.set('a', 'old')
    await map.set('a', 'new')
    expect(await map.get('a')).toBe('new')
  })
})
