import { renderMarkdown } from './render-markdown.ts'
import { repairTail } from './repair-tail.ts'
import { advanceSettle, INITIAL_SETTLE, type SettleState } from './settle.ts'

/** A settled piece of an answer: its HTML never changes, so it is inserted once. */
export interface MarkdownBlock {
  key: string
  html: string
}

export interface MarkdownView {
  blocks: readonly MarkdownBlock[]
  /** The live tail, repaired for display; re-rendered on every update. */
  tailHtml: string
}

export interface StreamingMarkdown {
  /** The view of a growing answer; parses only the text that is not settled yet. */
  update(text: string): MarkdownView
  /** The view of the finished answer, rendered whole (reference links may point backwards). */
  finish(text: string): MarkdownView
}

export interface StreamingMarkdownOptions {
  /** Markdown to safe HTML; tests count the work through it. */
  render?: (markdown: string) => string
}

/**
 * Renders an answer while it streams: settled blocks are parsed once and kept, the live tail is
 * parsed again per update. Pass the whole text each time; text that doesn't extend the previous
 * one (a replaced answer) starts over.
 */
export function createStreamingMarkdown(options: StreamingMarkdownOptions = {}): StreamingMarkdown {
  const render = options.render ?? renderMarkdown
  let source = ''
  let scan: SettleState = INITIAL_SETTLE
  let blocks: MarkdownBlock[] = []
  /** Every block gets a new key, so a key never names two different pieces of HTML. */
  let serial = 0
  const block = (html: string): MarkdownBlock => ({ key: `b${++serial}`, html })
  let last: { text: string; finished: boolean; view: MarkdownView } | undefined

  const follow = (text: string) => {
    if (!text.startsWith(source)) {
      source = ''
      scan = INITIAL_SETTLE
      blocks = []
    }
    source = text
    const from = scan.cut
    scan = advanceSettle(text, scan)
    if (scan.cut === from) return
    const html = render(text.slice(from, scan.cut))
    if (html) blocks = [...blocks, block(html)]
  }

  const remember = (text: string, finished: boolean, view: MarkdownView) => {
    last = { text, finished, view }
    return view
  }

  return {
    update(text) {
      if (last && last.text === text && !last.finished) return last.view
      follow(text)
      return remember(text, false, {
        blocks,
        tailHtml: render(repairTail(text.slice(scan.cut))),
      })
    },

    finish(text) {
      if (last && last.text === text && last.finished) return last.view
      const whole = render(text)
      const streamed = blocks.length > 0 && text.startsWith(source)
      if (streamed) {
        follow(text)
        const tail = render(text.slice(scan.cut))
        // Keep the blocks on the page when the whole render agrees with them, as it does unless
        // marked reads the parts differently (a link reference defined after its use).
        if (blocks.map((settled) => settled.html).join('') + tail === whole) {
          const end = tail ? [block(tail)] : []
          return remember(text, true, { blocks: [...blocks, ...end], tailHtml: '' })
        }
      }
      return remember(text, true, { blocks: whole ? [block(whole)] : [], tailHtml: '' })
    },
  }
}
