import { describe, expect, it } from 'vitest'
import { parseDirectives } from './directives.ts'

describe('parseDirectives', () => {
  it('returns the message untouched, with every switch off, when it has no directives', () => {
    const { query, directives, switches } = parseDirectives('What is [a link](https://x)?')
    expect(query).toBe('What is [a link](https://x)?')
    expect(Object.values(directives).every((value) => value === false || value === undefined)).toBe(
      true,
    )
    expect(switches.size).toBe(0)
  })

  it('reads flags and numbers anywhere in the message and removes them from the query', () => {
    const { query, directives } = parseDirectives(
      '[[echo]] Hello [[slow=20]] there [[many=500]][[length]]',
    )
    expect(query).toBe('Hello  there')
    expect(directives).toMatchObject({
      echo: true,
      slowMs: 20,
      many: 500,
      length: true,
      cite: false,
    })
  })

  it('maps every demo directive name to its switch', () => {
    const { query, directives } = parseDirectives(
      '[[slow=5]][[echo]][[replace]][[long=3000]][[cite]][[file]][[many=40]][[length]]' +
        '[[outputs-only]]',
    )
    expect(query).toBe('')
    expect(directives).toEqual({
      slowMs: 5,
      echo: true,
      replace: true,
      longChars: 3000,
      cite: true,
      file: true,
      many: 40,
      length: true,
      outputsOnly: true,
    })
  })

  it('ignores a number directive written without its number', () => {
    expect(parseDirectives('[[long]] hi').directives.longChars).toBeUndefined()
    expect(parseDirectives('[[long=abc]] hi').directives.longChars).toBeUndefined()
  })

  it('removes directives it does not act on, keeping them for the test fake', () => {
    const { query, switches } = parseDirectives('a [[bogus]] b [[http=429]]')
    expect(query).toBe('a  b')
    expect([...switches]).toEqual([
      ['bogus', true],
      ['http', '429'],
    ])
  })

  it('leaves text that only looks like a directive', () => {
    expect(parseDirectives('[[Split]] [[ spaced ]] [x]').query).toBe('[[Split]] [[ spaced ]] [x]')
  })
})
