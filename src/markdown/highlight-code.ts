import hljs from 'highlight.js/lib/core'
import bash from 'highlight.js/lib/languages/bash'
import css from 'highlight.js/lib/languages/css'
import javascript from 'highlight.js/lib/languages/javascript'
import json from 'highlight.js/lib/languages/json'
import python from 'highlight.js/lib/languages/python'
import typescript from 'highlight.js/lib/languages/typescript'
import xml from 'highlight.js/lib/languages/xml'
import { sanitizeHtml } from './sanitize-html.ts'

hljs.registerLanguage('bash', bash)
hljs.registerLanguage('css', css)
hljs.registerLanguage('javascript', javascript)
hljs.registerLanguage('json', json)
hljs.registerLanguage('python', python)
hljs.registerLanguage('typescript', typescript)
hljs.registerLanguage('xml', xml)

/** Past this size highlighting would hold up the page for longer than it helps reading. */
const MAX_CHARS = 50_000

/** The language a `language-*` class names, if highlight.js knows it (aliases such as ts, py). */
export function languageOf(code: Element): string | undefined {
  const name = /(?:^|\s)language-(\S+)/.exec(code.className)?.[1]
  return name && hljs.getLanguage(name) ? name : undefined
}

/** Highlights a finished `<code>` element in place, once; unknown languages stay plain. */
export function highlightCode(code: HTMLElement): void {
  if (code.classList.contains('hljs')) return
  const language = languageOf(code)
  const text = code.textContent ?? ''
  if (!language || text.length > MAX_CHARS) return
  const { value } = hljs.highlight(text, { language, ignoreIllegals: true })
  code.innerHTML = sanitizeHtml(value)
  code.classList.add('hljs')
}
