import { describe, expect, it } from 'vitest'
import { escapeHtml, jsonForScript } from './escape-html.ts'

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    )
  })

  it('escapes an existing entity again, so it shows as typed', () => {
    expect(escapeHtml('&lt;3')).toBe('&amp;lt;3')
  })

  it('leaves everything else, including emoji, Korean and U+2028, unchanged', () => {
    const text = 'Mochi 🍡 모찌 \u2028 line'
    expect(escapeHtml(text)).toBe(text)
  })
})

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
