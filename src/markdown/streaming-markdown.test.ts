// @vitest-environment jsdom
import { describe, expect, test } from 'vitest'
import { longAnswer, tokenize } from '../../server/demo/demo-answers.ts'
import { ANSWERS } from './answers.fixture.ts'
import { renderMarkdown } from './render-markdown.ts'
import { splitSettled } from './settle.ts'
import { createStreamingMarkdown, type MarkdownView } from './streaming-markdown.ts'

/** Deterministic chunk sizes from 1 to `max`, so a failure replays the same way. */
function chunks(text: string, seed: number, max: number): string[] {
  const pieces: string[] = []
  let state = seed
  for (let at = 0; at < text.length;) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    const size = 1 + (state % max)
    pieces.push(text.slice(at, at + size))
    at += size
  }
  return pieces
}

const htmlOf = (view: MarkdownView) =>
  view.blocks.map((block) => block.html).join('') + view.tailHtml

describe('settled parts render as the whole does', () => {
  test.each(Object.entries(ANSWERS))('%s', (_name, text) => {
    const { settled, tail } = splitSettled(text)
    expect(renderMarkdown(settled) + renderMarkdown(tail)).toBe(renderMarkdown(text))
  })

  test.each(Object.entries(ANSWERS))('%s, at every cut met while streaming', (_name, text) => {
    const whole = renderMarkdown(text)
    const cuts = new Set<number>()
    for (let end = 1; end <= text.length; end++) {
      cuts.add(splitSettled(text.slice(0, end)).settled.length)
    }
    for (const cut of cuts) {
      expect(renderMarkdown(text.slice(0, cut)) + renderMarkdown(text.slice(cut))).toBe(whole)
    }
  })
})

describe('settled parts of generated answers render as the whole does', () => {
  const PIECES = [
    'Plain text with **bold** and `code`.',
    '- item\n- item',
    '- loose\n\n- items',
    '1. one\n2. two\n   - nested\n\n     deeper paragraph',
    '```js\nlet a = 1\n\nlet b = 2\n```',
    '~~~\nraw\n\n~~~',
    '    indented\n\n    code',
    '> quote\n> more',
    '| a | b |\n| - | - |\n| 1 | 2 |',
    '## Heading',
    'Setext\n===',
    '---',
    '* star\n\n  continued',
    '   ```\n   three-space fence\n\n   ```',
  ]
  const SEPARATORS = ['\n', '\n\n', '\n\n\n', '\n \n']

  test('in 300 random compositions, at every cut', () => {
    let state = 7
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31
      return state % n
    }
    for (let round = 0; round < 300; round++) {
      let text = ''
      for (let count = 2 + next(5); count > 0; count--) {
        text += (PIECES[next(PIECES.length)] ?? '') + (SEPARATORS[next(SEPARATORS.length)] ?? '')
      }
      const whole = renderMarkdown(text)
      const cuts = new Set<number>()
      for (let end = 1; end <= text.length; end++) {
        cuts.add(splitSettled(text.slice(0, end)).settled.length)
      }
      for (const cut of cuts) {
        const parts = renderMarkdown(text.slice(0, cut)) + renderMarkdown(text.slice(cut))
        expect(parts, JSON.stringify(text) + ' cut at ' + cut).toBe(whole)
      }
    }
  })
})

describe('createStreamingMarkdown', () => {
  test.each(Object.entries(ANSWERS))(
    '%s streamed in small chunks ends as the whole render',
    (_name, text) => {
      const whole = renderMarkdown(text)
      for (const [seed, max] of [
        [1, 1],
        [2, 4],
        [3, 9],
        [4, 40],
      ] as const) {
        const markdown = createStreamingMarkdown()
        const seen = new Map<string, string>()
        let streamed = ''
        for (const piece of chunks(text, seed, max)) {
          streamed += piece
          for (const { key, html } of markdown.update(streamed).blocks) {
            // A settled block never changes once shown.
            expect(seen.get(key) ?? html).toBe(html)
            seen.set(key, html)
          }
        }
        const final = markdown.finish(text)
        expect(htmlOf(final)).toBe(whole)
        expect(final.tailHtml).toBe('')
        // The blocks already on the page stay: the final view only adds the last one.
        for (const block of final.blocks.slice(0, -1)) expect(seen.get(block.key)).toBe(block.html)
      }
    },
  )

  test('the demo welcome streamed in its real tokens ends as the whole render', () => {
    const text = ANSWERS.mixed ?? ''
    const markdown = createStreamingMarkdown()
    let streamed = ''
    for (const token of tokenize(text)) markdown.update((streamed += token))
    expect(htmlOf(markdown.finish(text))).toBe(renderMarkdown(text))
  })

  test('parses each settled block once: the work follows the new text, not the whole answer', () => {
    const text = longAnswer(30_000)
    let parsed = 0
    const markdown = createStreamingMarkdown({
      render: (part) => {
        parsed += part.length
        return part
      },
    })
    let streamed = ''
    const tokens = tokenize(text)
    for (const token of tokens) markdown.update((streamed += token))
    // Quadratic re-parsing would be ~tokens × length / 2 ≈ 200M characters.
    expect(parsed).toBeLessThan(tokens.length * 200)
  })

  test('returns the same view for the same text, and keeps the blocks array until it grows', () => {
    const markdown = createStreamingMarkdown()
    const first = markdown.update('one\n\ntwo')
    expect(markdown.update('one\n\ntwo')).toBe(first)
    const next = markdown.update('one\n\ntwo more')
    expect(next.blocks).toBe(first.blocks)
    expect(next.tailHtml).toBe('<p>two more</p>\n')
  })

  test('shows the repaired tail while streaming', () => {
    const view = createStreamingMarkdown().update('Intro\n\nSome **bold')
    expect(view.blocks.map((block) => block.html)).toEqual(['<p>Intro</p>\n'])
    expect(view.tailHtml).toBe('<p>Some <strong>bold</strong></p>\n')
  })

  test('starts over when the text is replaced rather than extended', () => {
    const markdown = createStreamingMarkdown()
    const before = markdown.update('first\n\nanswer')
    const after = markdown.update('other\n\ntext')
    expect(after.blocks.map((block) => block.html)).toEqual(['<p>other</p>\n'])
    expect(after.blocks[0]?.key).not.toBe(before.blocks[0]?.key)
  })

  test('renders an answer that arrives finished in one piece', () => {
    const view = createStreamingMarkdown().finish('# Hi\n\nthere')
    expect(view.pending).toBe(false)
    expect(htmlOf(view)).toBe('<h1>Hi</h1>\n<p>there</p>\n')
  })

  test('renders only the text after the streamed blocks when the answer ends', () => {
    const blocks = longAnswer(20_000)
    const text = blocks.slice(0, blocks.lastIndexOf('\n\n') + 2) + 'The last paragraph'
    const parsed: string[] = []
    const markdown = createStreamingMarkdown({
      render: (part) => {
        parsed.push(part)
        return renderMarkdown(part)
      },
    })
    let streamed = ''
    for (const piece of chunks(text, 5, 40)) markdown.update((streamed += piece))
    parsed.length = 0
    const final = markdown.finish(text)
    expect(parsed).toEqual(['The last paragraph'])
    expect(htmlOf(final)).toBe(renderMarkdown(text))
  })

  test('a long answer arriving at once is rendered a group of blocks per slice', () => {
    const text = longAnswer(30_000)
    const parsed: number[] = []
    const markdown = createStreamingMarkdown({
      render: (part) => {
        parsed.push(part.length)
        return renderMarkdown(part)
      },
    })
    // One group per slice: time runs out right after the first check.
    const oneUnit = () => {
      let checks = 0
      return () => checks++ === 0
    }
    const views: MarkdownView[] = []
    for (let view = markdown.finish(text, oneUnit()); ; view = markdown.finish(text, oneUnit())) {
      views.push(view)
      if (!view.pending) break
    }
    expect(views.length).toBeGreaterThan(10)
    expect(Math.max(...parsed)).toBeLessThanOrEqual(2000)
    expect(parsed.reduce((sum, length) => sum + length, 0)).toBe(text.length)
    // Each slice adds a block and keeps the ones before it.
    for (const [index, view] of views.entries()) {
      expect(view.blocks).toHaveLength(index + 1)
      expect(view.blocks.slice(0, index)).toEqual(views[index - 1]?.blocks ?? [])
    }
    expect(htmlOf(views.at(-1)!)).toBe(renderMarkdown(text))
  })

  test('text without time to render shows as plain text until its slice comes', () => {
    const markdown = createStreamingMarkdown()
    const text = '# Title\n\nSome **bold**'
    const waiting = markdown.finish(text, () => false)
    expect(waiting).toMatchObject({ blocks: [], tailHtml: '', unrendered: text, pending: true })
    const done = markdown.finish(text)
    expect(done.unrendered).toBe('')
    expect(htmlOf(done)).toBe(renderMarkdown(text))
  })

  test('while blocks are behind, the tail waits and is never shown twice', () => {
    const markdown = createStreamingMarkdown()
    expect(markdown.update('one\n\ntwo').tailHtml).toBe('<p>two</p>\n')
    const never = () => false
    const behind = markdown.update('one\n\ntwo\n\nthree\n\nfour', never)
    expect(behind.pending).toBe(true)
    expect(htmlOf(behind)).toBe('<p>one</p>\n<p>two</p>\n')
    const caught = markdown.update('one\n\ntwo\n\nthree\n\nfour')
    expect(caught.pending).toBe(false)
    expect(htmlOf(caught)).toBe('<p>one</p>\n<p>two</p>\n<p>three</p>\n<p>four</p>\n')
  })

  test('renders the whole answer again when its parts disagree with it', () => {
    const text = 'See [the docs].\n\n[the docs]: https://example.com\n'
    const markdown = createStreamingMarkdown()
    let streamed = ''
    for (const char of text) markdown.update((streamed += char))
    const final = markdown.finish(text)
    expect(final.blocks).toHaveLength(1)
    expect(htmlOf(final)).toContain('<a href="https://example.com"')
  })

  test('keeps nothing for an empty answer', () => {
    const empty = { blocks: [], tailHtml: '', unrendered: '', pending: false }
    expect(createStreamingMarkdown().update('')).toEqual(empty)
    expect(createStreamingMarkdown().finish('  \n')).toEqual(empty)
  })
})
