import createDOMPurify, { type Config, type DOMPurify } from 'dompurify'

/** What marked (GFM) and highlight.js produce, and nothing that can run, load or submit. */
const CONFIG: Config = {
  ALLOWED_TAGS: [
    'a',
    'blockquote',
    'br',
    'code',
    'del',
    'div',
    'em',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'li',
    'ol',
    'p',
    'pre',
    'span',
    'strong',
    'table',
    'tbody',
    'td',
    'th',
    'thead',
    'tr',
    'ul',
  ],
  ALLOWED_ATTR: ['align', 'class', 'data-part', 'href', 'start', 'title'],
  ALLOW_ARIA_ATTR: false,
  ALLOW_DATA_ATTR: false,
}

const SAFE_URL = /^(?:https?|mailto):/i
/** What browsers ignore in a URL's scheme (DOMPurify's ATTR_WHITESPACE). */
const URL_IGNORED = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g
/** Classes marked (`language-*`) and highlight.js (`hljs-*`, `function_`) write; no others. */
const SAFE_CLASS = /^(?:language-[\w+#.-]+|hljs(?:-[\w-]+)?|[a-z]+_)$/
const SAFE_PARTS = new Set(['code-block'])

let purify: DOMPurify | undefined

function createPurify(): DOMPurify {
  const instance = createDOMPurify(window)
  // Set once: a config passed to every sanitize() is parsed again each time (a few hundred set
  // insertions), which cost more than the sanitizing itself for the many small parts of a stream.
  instance.setConfig(CONFIG)
  instance.addHook('uponSanitizeAttribute', (_node, data) => {
    const value = data.attrValue
    if (data.attrName === 'href') {
      data.keepAttr = SAFE_URL.test(value.replace(URL_IGNORED, ''))
    } else if (data.attrName === 'class') {
      data.attrValue = value
        .split(/\s+/)
        .filter((name) => SAFE_CLASS.test(name))
        .join(' ')
    } else if (data.attrName === 'data-part') {
      data.keepAttr = SAFE_PARTS.has(value)
    }
  })
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank')
      node.setAttribute('rel', 'noopener noreferrer')
    }
  })
  return instance
}

/** HTML made safe to insert: allow-listed tags and attributes, links only to http(s) and mail. */
export function sanitizeHtml(html: string): string {
  purify ??= createPurify()
  return purify.sanitize(html)
}
