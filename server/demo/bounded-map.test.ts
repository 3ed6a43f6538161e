import { describe, expect, it } from 'vitest'
import { createBoundedMap } from './bounded-map.ts'

const map = (maxEntries: number, maxBytes: number) =>
  createBoundedMap<string, string>({ maxEntries, maxBytes, sizeOf: (value) => value.length })

describe('createBoundedMap', () => {
  it('drops the oldest entries past the count', () => {
    const bounded = map(2, 1000)
    for (const key of ['a', 'b', 'c']) bounded.set(key, key)
    expect(bounded.values()).toEqual(['b', 'c'])
    expect(bounded.get('a')).toBeUndefined()
  })

  it('drops the oldest entries past the bytes, and after an entry grew', () => {
    const bounded = map(10, 10)
    bounded.set('a', 'xxxx')
    bounded.set('b', 'yyyy')
    bounded.set('c', 'zzzz')
    expect(bounded.values()).toEqual(['yyyy', 'zzzz'])
    expect(bounded.bytes).toBe(8)
    const grown = { text: 'z' }
    const objects = createBoundedMap<string, { text: string }>({
      maxEntries: 10,
      maxBytes: 10,
      sizeOf: (value) => value.text.length,
    })
    objects.set('old', { text: 'old' })
    objects.set('new', grown)
    grown.text = 'z'.repeat(9)
    objects.resize('new')
    expect(objects.values()).toEqual([grown])
  })

  it('keeps the newest entry even when it alone is over', () => {
    const bounded = map(10, 3)
    bounded.set('a', 'aa')
    bounded.set('big', 'xxxxxxxx')
    expect(bounded.values()).toEqual(['xxxxxxxx'])
    bounded.delete('big')
    expect(bounded.size).toBe(0)
    expect(bounded.bytes).toBe(0)
  })
})
