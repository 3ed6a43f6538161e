import { describe, expect, it } from 'vitest'
import { parseDirectives } from '../demo/directives.ts'
import { parseFaultDirectives } from './fault-directives.ts'

const faultsOf = (message: string) => parseFaultDirectives(parseDirectives(message).switches)

describe('parseFaultDirectives', () => {
  it('turns every fault off when the message has none', () => {
    const faults = faultsOf('What is [a link](https://x)? [[echo]]')
    expect(Object.values(faults).every((value) => value === false || value === undefined)).toBe(
      true,
    )
  })

  it('reads faults anywhere in the message, beside demo directives', () => {
    const { query, switches } = parseDirectives(
      '[[split]] Hello [[slow=20]] there [[error-event=500]][[end-first]]',
    )
    expect(query).toBe('Hello  there')
    expect(parseFaultDirectives(switches)).toMatchObject({
      split: true,
      errorEvent: 500,
      endFirst: true,
      classic: false,
    })
  })

  it('maps every fault directive name to its switch', () => {
    const { query, switches } = parseDirectives(
      '[[split]][[ping-first]][[classic]][[error-event=400]][[http=429]][[html=502]]' +
        '[[first-byte=100]][[reset]][[stall]][[garbage]][[end-first]]' +
        '[[dify-error=not_chat_app]][[bad-utf8]][[flood]][[run-failed]]',
    )
    expect(query).toBe('')
    expect(parseFaultDirectives(switches)).toEqual({
      split: true,
      pingFirst: true,
      classic: true,
      errorEvent: 400,
      httpError: 429,
      htmlError: 502,
      firstByteMs: 100,
      reset: true,
      stall: true,
      garbage: true,
      endFirst: true,
      difyError: 'not_chat_app',
      badUtf8: true,
      flood: true,
      runFailed: true,
    })
  })

  it('ignores a number directive written without its number', () => {
    expect(faultsOf('[[http]] hi').httpError).toBeUndefined()
    expect(faultsOf('[[http=abc]] hi').httpError).toBeUndefined()
  })
})
