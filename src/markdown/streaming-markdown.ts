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
  /**
   * The start of the text not rendered yet for want of time, to show as plain text until a
   * later slice renders it (an answer from history then doesn't collapse to nothing meanwhile).
   */
  unrendered: string
  /** Some of the text is not rendered yet: ask again in a later slice. */
  pending: boolean
}

export interface StreamingMarkdown {
  /** The view of a growing answer; parses only the text that is not settled yet. */
  update(text: string, hasTime?: () => boolean): MarkdownView
  /** The view of the finished answer: the tail becomes the last block. */
  finish(text: string, hasTime?: () => boolean): MarkdownView
}

export interface StreamingMarkdownOptions {
  /** Markdown to safe HTML; tests count the work through it. */
  render?: (markdown: string) => string
}

/**
 * Settled text is rendered in groups of blocks up to about this size (one group at least one
 * block): small enough to stay a few ms of parsing, large enough that per-call costs don't add up.
 */
const GROUP_CHARS = 2000

/**
 * A link reference definition, also inside a quote or list item. It applies to the whole answer,
 * so the blocks before it render differently alone: such an answer is rendered whole once finished.
 */
const REFERENCE_DEFINITION = /^[ \t>]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?\[(?:\\.|[^\\\]\n])+\]:/m

const always = () => true

/**
 * How much of the text waiting for its slice shows as plain text: enough to fill the view, not
 * so much that laying it out (again after every slice) costs more than rendering it.
 */
const UNRENDERED_CHARS = 2000

/**
 * Renders an answer while it streams: settled blocks are parsed once and kept, the live tail is
 * parsed again per update. Pass the whole text each time; text that doesn't extend the previous
 * one (a replaced answer) starts over. Work stops when `hasTime` says no, checked before every
 * group of blocks, and goes on from there on the next call.
 */
export function createStreamingMarkdown(options: StreamingMarkdownOptions = {}): StreamingMarkdown {
  const render = options.render ?? renderMarkdown
  let source = ''
  let scan: SettleState = INITIAL_SETTLE
  /** Every cut met so far; those from `nextCut` on are not rendered yet. */
  let cuts: number[] = []
  let nextCut = 0
  /** The blocks show the text up to here. */
  let rendered = 0
  let blocks: MarkdownBlock[] = []
  let tail: { html: string; from: number; text: string } | null = null
  /** The finished text is all in blocks; any other text starts over. */
  let complete = false
  /** Every block gets a new key, so a key never names two different pieces of HTML. */
  let serial = 0
  const add = (html: string) => {
    if (html) blocks = [...blocks, { key: `b${++serial}`, html }]
  }
  let last: { text: string; finished: boolean; view: MarkdownView } | undefined

  const follow = (text: string) => {
    if (complete || !text.startsWith(source)) {
      scan = INITIAL_SETTLE
      cuts = []
      nextCut = 0
      rendered = 0
      blocks = []
      tail = null
      complete = false
    }
    source = text
    scan = advanceSettle(text, scan, (cut) => cuts.push(cut))
  }

  const renderGroup = () => {
    let end = nextCut
    while (end + 1 < cuts.length && cuts[end + 1]! <= rendered + GROUP_CHARS) end++
    const to = cuts[end]!
    add(render(source.slice(rendered, to)))
    rendered = to
    nextCut = end + 1
  }

  const view = (text: string, finished: boolean, hasTime: () => boolean): MarkdownView => {
    if (last && last.text === text && last.finished === finished && !last.view.pending) {
      return last.view
    }
    follow(text)
    while (nextCut < cuts.length && hasTime()) renderGroup()
    let pending = nextCut < cuts.length
    let tailHtml = ''
    if (!pending && finished) {
      if (hasTime()) {
        if (REFERENCE_DEFINITION.test(text)) {
          blocks = []
          add(render(text))
        } else {
          add(render(text.slice(rendered)))
        }
        rendered = text.length
        complete = true
      } else {
        pending = true
      }
    } else if (!pending) {
      const rest = text.slice(rendered)
      if (tail?.from === rendered && tail.text === rest) {
        tailHtml = tail.html
      } else if (hasTime()) {
        tail = { html: render(repairTail(rest)), from: rendered, text: rest }
        tailHtml = tail.html
      } else {
        pending = true
      }
    }
    // Behind, a streaming answer keeps its last tail (it only grew since); anything else shows
    // the rest as plain text.
    const stale = pending && tail?.from === rendered ? tail.html : ''
    if (stale) tailHtml = stale
    const unrendered = pending && !stale ? text.slice(rendered, rendered + UNRENDERED_CHARS) : ''
    const result = { blocks, tailHtml, unrendered, pending }
    last = { text, finished, view: result }
    return result
  }

  return {
    update: (text, hasTime = always) => view(text, false, hasTime),
    finish: (text, hasTime = always) => view(text, true, hasTime),
  }
}
