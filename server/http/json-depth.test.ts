import { describe, expect, it } from 'vitest'
import { nestsDeeperThan } from './json-depth.ts'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('nestsDeeperThan', () => {
  it('counts objects and arrays together, and only past the limit', () => {
    expect(nestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false)
    expect(nestsDeeperThan(bytes('{"a":[{"b":[[1]]}]}'), 4)).toBe(true)
    expect(nestsDeeperThan(bytes(`{"inputs":${'['.repeat(30_000)}`), 32)).toBe(true)
  })

  it('skips brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(bytes(`{"q":"${'[{'.repeat(100)}"}`), 2)).toBe(false)
    expect(nestsDeeperThan(bytes(`{"q":"\\"${'['.repeat(100)}"}`), 2)).toBe(false)
    expect(nestsDeeperThan(bytes(`{"q":"\\\\",${'['.repeat(5)}`), 2)).toBe(true)
  })

  it('measures depth, not the number of brackets', () => {
    expect(nestsDeeperThan(bytes(`[${'[],'.repeat(1000)}[]]`), 2)).toBe(false)
  })
})
