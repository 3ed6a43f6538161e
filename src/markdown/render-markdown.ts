import { Marked } from 'marked'
import { escapeHtml } from '../../contract/escape-html.ts'
import { sanitizeHtml } from './sanitize-html.ts'

const marked = new Marked({
  gfm: true,
  // Chat answers use single newlines as line breaks, as the plain-text view and Dify's own
  // web app show them.
  breaks: true,
  tokenizer: {
    // No raw HTML at all: a tag in an answer is text, shown as written.
    html: () => undefined,
    tag: () => undefined,
  },
  renderer: {
    html: ({ text }) => escapeHtml(text),
    code({ text, lang, escaped }) {
      const language = /^\S+/.exec(lang ?? '')?.[0]
      const className = language ? ` class="language-${escapeHtml(language)}"` : ''
      const body = escaped ? text : escapeHtml(text)
      return `<div data-part="code-block"><pre><code${className}>${body.replace(/\n$/, '')}\n</code></pre></div>\n`
    },
    // Images would load from wherever an answer points, unasked (a tracking pixel, or a prompt
    // injection leaking the conversation in the URL): they become links to click instead.
    image({ href, text }) {
      return `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`
    },
    // No form controls in answers: a task list item shows a ballot box character.
    checkbox: ({ checked }) => (checked ? '☑' : '☐'),
  },
})

/** Markdown (GFM) to HTML that is safe to insert into the page. */
export function renderMarkdown(markdown: string): string {
  if (markdown.trim() === '') return ''
  return sanitizeHtml(marked.parse(markdown, { async: false }))
}
