import { describe, expect, it } from 'vitest'
import { jsonForScript } from './json-for-script.ts'

describe('jsonForScript', () => {
  const hostile = [
    '</script><script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '<!-- <script>',
    'a & b > c',
    'line\u2028separator\u2029paragraph',
    '모찌 🍡 \\u003c',
  ]

  it.each(hostile)('round-trips %j through JSON.parse', (text) => {
    expect(JSON.parse(jsonForScript({ text }))).toEqual({ text })
  })

  it('never emits <, >, &, U+2028 or U+2029 literally', () => {
    const out = jsonForScript({ all: hostile })
    expect(out).not.toMatch(/[<>&\u2028\u2029]/)
    expect(out).toContain('\\u003c/script\\u003e')
  })
})
