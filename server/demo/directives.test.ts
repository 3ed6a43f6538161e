import { describe, expect, it } from 'vitest'
import { parseDirectives } from './directives.ts'

describe('parseDirectives', () => {
  it('returns the message untouched, with every switch off, when it has no directives', () => {
    const { query, directives } = parseDirectives('What is [a link](https://x)?')
    expect(query).toBe('What is [a link](https://x)?')
    expect(Object.values(directives).every((value) => value === false || value === undefined)).toBe(
      true,
    )
  })

  it('reads flags and numbers anywhere in the message and removes them from the query', () => {
    const { query, directives } = parseDirectives(
      '[[split]] Hello [[slow=20]] there [[error-event=500]][[end-first]]',
    )
    expect(query).toBe('Hello  there')
    expect(directives).toMatchObject({
      split: true,
      slowMs: 20,
      errorEvent: 500,
      endFirst: true,
      classic: false,
    })
  })

  it('maps every directive name to its switch', () => {
    const { query, directives } = parseDirectives(
      '[[split]][[ping-first]][[classic]][[error-event=400]][[http=429]][[html=502]][[slow=5]]' +
        '[[first-byte=100]][[reset]][[stall]][[echo]][[garbage]][[replace]][[end-first]][[long=3000]]' +
        '[[cite]][[file]][[many=40]][[dify-error=not_chat_app]][[bad-utf8]][[flood]][[length]]',
    )
    expect(query).toBe('')
    expect(directives).toEqual({
      split: true,
      pingFirst: true,
      classic: true,
      errorEvent: 400,
      httpError: 429,
      htmlError: 502,
      slowMs: 5,
      firstByteMs: 100,
      reset: true,
      stall: true,
      echo: true,
      garbage: true,
      replace: true,
      endFirst: true,
      longChars: 3000,
      cite: true,
      file: true,
      many: 40,
      difyError: 'not_chat_app',
      badUtf8: true,
      flood: true,
      length: true,
    })
  })

  it('ignores a number directive written without its number', () => {
    expect(parseDirectives('[[http]] hi').directives.httpError).toBeUndefined()
    expect(parseDirectives('[[http=abc]] hi').directives.httpError).toBeUndefined()
  })

  it('removes unknown directives but leaves text that only looks similar', () => {
    expect(parseDirectives('a [[bogus]] b').query).toBe('a  b')
    expect(parseDirectives('[[Split]] [[ spaced ]] [x]').query).toBe('[[Split]] [[ spaced ]] [x]')
  })
})
