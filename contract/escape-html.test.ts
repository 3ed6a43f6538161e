import { describe, expect, it } from 'vitest'
import { escapeHtml } from './escape-html.ts'

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
