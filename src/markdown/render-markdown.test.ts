// @vitest-environment jsdom
import { describe, expect, test } from 'vitest'
import { renderMarkdown } from './render-markdown.ts'
import { sanitizeHtml } from './sanitize-html.ts'

function dom(html: string): HTMLTemplateElement {
  const template = document.createElement('template')
  template.innerHTML = html
  return template
}

const ALLOWED_TAGS = new Set(
  'a blockquote br code del div em h1 h2 h3 h4 h5 h6 hr li ol p pre span strong table tbody td th thead tr ul'.split(
    ' ',
  ),
)
const ALLOWED_ATTRIBUTES = new Set([
  'align',
  'class',
  'data-part',
  'href',
  'rel',
  'start',
  'target',
  'title',
])

/** Everything that could run, load or submit, whatever way it got into the HTML. */
function expectInert(html: string): void {
  for (const element of dom(html).content.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase()
    expect(ALLOWED_TAGS, `<${tag}> in ${html}`).toContain(tag)
    for (const { name, value } of element.attributes) {
      expect(ALLOWED_ATTRIBUTES, `${name} on <${tag}> in ${html}`).toContain(name)
      if (name === 'href') expect(value).toMatch(/^(?:https?|mailto):/i)
    }
  }
}

const XSS: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)">',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;avascript&#58;alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](%6Aavascript:alert(1))',
  '[x]: javascript:alert(1)\n\n[x]',
  '<javascript:alert(1)>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<a href="javascript:alert(1)">x</a>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<style>body{display:none}</style>',
  '<form action="https://evil.example"><input name=q><button>go</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<div onclick="alert(1)">click</div>',
  '<details open ontoggle=alert(1)>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '![x](javascript:alert(1))',
  '![x](https://evil.example/pixel.png)',
  '![x" onerror="alert(1)](https://x.example/a.png)',
  '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;img src=x onerror=alert(1)&#62;',
  '<!-- --><script>alert(1)</script>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<a href="https://ok.example" onclick="alert(1)" style="color:red">ok</a>',
  '<x onpointerover=alert(1)>hover</x>',
  '[<img src=x onerror=alert(1)>](https://ok.example)',
  '| a |\n| - |\n| <img src=x onerror=alert(1)> |',
  '- [x] <input type=checkbox onclick=alert(1)>',
]

describe('renderMarkdown: nothing executable survives', () => {
  test('(the check itself rejects what it must)', () => {
    expect(() => expectInert('<img src=x>')).toThrow()
    expect(() => expectInert('<a href="javascript:alert(1)">x</a>')).toThrow()
    expect(() => expectInert('<p onclick="alert(1)">x</p>')).toThrow()
    expect(() => expectInert('<p style="color:red">x</p>')).toThrow()
  })

  test.each(XSS)('%s', (payload) => {
    for (const markdown of [payload, `text ${payload} text`, `- ${payload}`, `> ${payload}`]) {
      expectInert(renderMarkdown(markdown))
    }
  })

  test('shows raw HTML as the text it is', () => {
    const html = renderMarkdown('Use <b>bold</b> and <script>alert(1)</script>')
    expect(html).toBe(
      '<p>Use &lt;b&gt;bold&lt;/b&gt; and &lt;script&gt;alert(1)&lt;/script&gt;</p>\n',
    )
    expect(dom(html).content.textContent).toBe('Use <b>bold</b> and <script>alert(1)</script>\n')
  })

  test('shows an HTML block as text too, markdown inside it still rendered', () => {
    const html = renderMarkdown('<div>\n**x**\n</div>')
    expect(dom(html).content.querySelector('div')).toBeNull()
    expect(html).toContain('&lt;div&gt;')
    expect(html).toContain('<strong>x</strong>')
  })

  test('drops the link of a javascript: URL but keeps its text', () => {
    expect(renderMarkdown('[click](javascript:alert(1))')).toBe('<p><a>click</a></p>\n')
  })
})

describe('renderMarkdown: GFM', () => {
  test('renders headings, emphasis, strikethrough, inline code', () => {
    expect(renderMarkdown('## Hi\n\n**b** *i* ~~s~~ `c`')).toBe(
      '<h2>Hi</h2>\n<p><strong>b</strong> <em>i</em> <del>s</del> <code>c</code></p>\n',
    )
  })

  test('renders lists with their start number, quotes and rules', () => {
    expect(renderMarkdown('3. a\n4. b')).toBe('<ol start="3">\n<li>a</li>\n<li>b</li>\n</ol>\n')
    expect(renderMarkdown('- a\n  - b')).toBe('<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n')
    expect(renderMarkdown('> q')).toBe('<blockquote>\n<p>q</p>\n</blockquote>\n')
    expect(renderMarkdown('---')).toBe('<hr>\n')
  })

  test('renders tables with their alignment', () => {
    const html = renderMarkdown('| a | b |\n| :-: | --: |\n| 1 | 2 |')
    expect(html).toContain('<th align="center">a</th>')
    expect(html).toContain('<td align="right">2</td>')
  })

  test('breaks lines where the answer does', () => {
    expect(renderMarkdown('one\ntwo')).toBe('<p>one<br>two</p>\n')
  })

  test('opens http(s) and mail links in a new tab without an opener', () => {
    expect(renderMarkdown('[a](https://a.example/x?y=1&z=2 "T")')).toBe(
      '<p><a href="https://a.example/x?y=1&amp;z=2" title="T" target="_blank" rel="noopener noreferrer">a</a></p>\n',
    )
    expect(renderMarkdown('<user@example.com>')).toContain(
      'href="mailto:user@example.com" target="_blank" rel="noopener noreferrer"',
    )
    expect(renderMarkdown('www.example.com')).toContain('href="http://www.example.com"')
  })

  test('keeps relative and other-scheme links as text only', () => {
    expect(renderMarkdown('[a](/local) [b](#x) [c](ftp://f.example) [d](tel:1)')).toBe(
      '<p><a>a</a> <a>b</a> <a>c</a> <a>d</a></p>\n',
    )
  })

  test('turns images into links labelled by their alt text', () => {
    expect(renderMarkdown('![a cat](https://c.example/cat.png)')).toBe(
      '<p><a href="https://c.example/cat.png" target="_blank" rel="noopener noreferrer">a cat</a></p>\n',
    )
    expect(renderMarkdown('![](https://c.example/cat.png)')).toContain(
      '>https://c.example/cat.png</a>',
    )
  })

  test('shows task list boxes as characters, not form controls', () => {
    expect(renderMarkdown('- [ ] todo\n- [x] done')).toBe(
      '<ul>\n<li>☐ todo</li>\n<li>☑ done</li>\n</ul>\n',
    )
  })

  test('wraps code blocks for the copy button, with the language as a class', () => {
    expect(renderMarkdown('```ts\nlet a = 1 < 2\n```')).toBe(
      '<div data-part="code-block"><pre><code class="language-ts">let a = 1 &lt; 2\n</code></pre></div>\n',
    )
    expect(renderMarkdown('```\nplain\n```')).toBe(
      '<div data-part="code-block"><pre><code>plain\n</code></pre></div>\n',
    )
    expect(renderMarkdown('```"><script>\nx\n```')).not.toContain('<script')
  })

  test('renders nothing for blank text', () => {
    expect(renderMarkdown('')).toBe('')
    expect(renderMarkdown(' \n\n')).toBe('')
  })
})

describe('sanitizeHtml', () => {
  test('keeps only the classes marked and highlight.js write', () => {
    expect(sanitizeHtml('<span class="hljs-title function_ evil x-1">a</span>')).toBe(
      '<span class="hljs-title function_">a</span>',
    )
    expect(sanitizeHtml('<code class="language-c++ cs-visually-hidden">a</code>')).toBe(
      '<code class="language-c++">a</code>',
    )
  })

  test('keeps only the data-part values it knows', () => {
    expect(sanitizeHtml('<div data-part="code-block">a</div>')).toBe(
      '<div data-part="code-block">a</div>',
    )
    expect(sanitizeHtml('<div data-part="composer" data-x="1">a</div>')).toBe('<div>a</div>')
  })
})
