import { describe, expect, it } from 'vitest'
import { createSavedResults, KEEP_SAVED } from './saved-results.ts'

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

describe('createSavedResults', () => {
  it('keeps saved results per endpoint, newest first, across page loads', () => {
    const storage = memoryStorage()
    let now = 1000
    const saved = createSavedResults({ endpointId: 'writer', storage, now: () => now++ })
    expect(saved.save('first')).toBe(true)
    expect(saved.save('second')).toBe(true)
    expect(saved.items.value.map((item) => item.text)).toEqual(['second', 'first'])

    const reloaded = createSavedResults({ endpointId: 'writer', storage })
    expect(reloaded.items.value.map((item) => item.text)).toEqual(['second', 'first'])
    expect(createSavedResults({ endpointId: 'other', storage }).items.value).toEqual([])
  })

  it('forgets them all on clear, for this page load and the next', () => {
    const storage = memoryStorage()
    const saved = createSavedResults({ endpointId: 'writer', storage })
    saved.save('first')
    saved.clear()
    expect(saved.items.value).toEqual([])
    expect(createSavedResults({ endpointId: 'writer', storage }).items.value).toEqual([])
  })

  it('saves the same text once, and removes by id', () => {
    const saved = createSavedResults({ endpointId: 'writer', storage: memoryStorage() })
    saved.save('same')
    expect(saved.save('same')).toBe(true)
    expect(saved.items.value).toHaveLength(1)
    expect(saved.has('same')).toBe(true)
    saved.remove(saved.items.value[0]!.id)
    expect(saved.items.value).toEqual([])
    expect(saved.has('same')).toBe(false)
  })

  it(`keeps at most ${KEEP_SAVED}, dropping the oldest`, () => {
    let now = 0
    const saved = createSavedResults({
      endpointId: 'e',
      storage: memoryStorage(),
      now: () => now++,
    })
    for (let index = 0; index <= KEEP_SAVED; index++) saved.save(`result ${index}`)
    expect(saved.items.value).toHaveLength(KEEP_SAVED)
    expect(saved.items.value.at(-1)?.text).toBe('result 1')
  })

  it('ignores what it cannot read and says so when storage refuses', () => {
    const storage = memoryStorage()
    storage.items.set(
      'chatskins:e:saved-results',
      '[{"id":1},"x",{"id":"a","text":"ok","savedAt":1}',
    )
    expect(createSavedResults({ endpointId: 'e', storage }).items.value).toEqual([])
    storage.items.set('chatskins:e:saved-results', '[{"id":1},{"id":"a","text":"ok","savedAt":1}]')
    expect(createSavedResults({ endpointId: 'e', storage }).items.value).toHaveLength(1)

    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
    }
    const saved = createSavedResults({ endpointId: 'e', storage: full })
    expect(saved.save('lost')).toBe(false)
    expect(saved.items.value).toEqual([])
    expect(createSavedResults({ endpointId: 'e', storage: null }).save('x')).toBe(false)
  })
})
