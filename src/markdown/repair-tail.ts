import { closesFence, opensFence, type Fence } from './settle.ts'

/**
 * Makes the live tail of a streaming answer display as it will once finished, so half-written
 * markup doesn't flash: an open code fence is closed, a table waits for its delimiter row, a line
 * that so far is only a block marker waits for its text, an unfinished link shows its text, and
 * unclosed `code`, **strong**, *em* and ~~del~~ at the end are closed (or hidden while empty).
 * Only for display: the settled text and the final render never pass through here.
 */
export function repairTail(tail: string): string {
  const open = openFenceAtEnd(tail)
  if (open) return closeFence(tail, open.fence, open.inLastLine)
  const shown = hideUnfinishedLines(tail)
  const start = inlineStart(shown)
  return shown.slice(0, start) + repairInline(shown.slice(start))
}

function openFenceAtEnd(text: string): { fence: Fence; inLastLine: boolean } | null {
  const lines = text.split('\n')
  const last = lines.pop() ?? ''
  let fence: Fence | null = null
  for (const line of lines) {
    if (fence) {
      if (closesFence(line, fence)) fence = null
    } else {
      fence = opensFence(line)
    }
  }
  if (fence) return { fence, inLastLine: false }
  // An opening line still being written counts: only its info string is incomplete.
  const opening = last ? opensFence(last) : null
  return opening && { fence: opening, inLastLine: true }
}

function closeFence(text: string, fence: Fence, inLastLine: boolean): string {
  const last = text.slice(text.lastIndexOf('\n') + 1)
  const run = /^ {0,3}([`~])\1* *$/.exec(last)
  // A closing run still arriving would stack up with the one added here.
  const body = !inLastLine && run?.[1] === fence.marker ? text.slice(0, -last.length) : text
  const newline = body === '' || body.endsWith('\n') ? '' : '\n'
  return `${body}${newline}${' '.repeat(fence.indent)}${fence.marker.repeat(fence.length)}\n`
}

/** An unfinished last line that is only a marker so far: `-` (list or setext), `#`, `1.`, ``` `` ```. */
const MARKER_ONLY = /^ {0,3}(?:-+|=+|[*+]|\d{1,9}[.)]?|#{1,6}|`{1,2}|~{1,2}|>)[ \t]*$/
const TABLE_ROW = /^ {0,3}\|/

function hideUnfinishedLines(text: string): string {
  const lines = text.split('\n')
  const last = lines.length - 1
  if (MARKER_ONLY.test(lines[last] ?? '')) lines[last] = ''
  // A table shows once its delimiter row is complete; until then its rows would be plain text.
  let rows = 0
  while (rows < last && TABLE_ROW.test(lines[last - 1 - rows] ?? '')) rows++
  const lastLine = lines[last] ?? ''
  const unfinished = TABLE_ROW.test(lastLine) ? rows <= 1 : rows === 1 && lastLine.trim() === ''
  if (unfinished) lines.splice(last - rows, rows + 1, '')
  return lines.join('\n')
}

const BLOCK_START = /^ {0,3}(?:[*+-][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|>|\|)/
const BLANK = /^[ \t]*\r?$/

/** Where the inline text of the last block begins: after the last blank line or at its last line
 * that starts a block (list item, heading, quote, table row), whichever comes later. */
function inlineStart(text: string): number {
  let end = text.length
  if (text.endsWith('\n')) end--
  for (let lineEnd = end; lineEnd > 0;) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1
    const line = text.slice(lineStart, lineEnd)
    if (BLANK.test(line)) return lineEnd === end ? end : lineEnd + 1
    if (BLOCK_START.test(line) || lineStart === 0) return lineStart
    lineEnd = lineStart - 1
  }
  return 0
}

type Mark = '*' | '**' | '~~'

/** Closes what the inline text leaves open at its end; see {@link repairTail}. */
export function repairInline(text: string): string {
  const open: Mark[] = []
  let prose = text.length
  let code = ''
  for (let at = 0; at < prose;) {
    const char = text[at]
    if (char === '\\') {
      at += 2
    } else if (char === '`') {
      const run = runLength(text, at, '`')
      const close = findRun(text, at + run, run)
      if (close !== -1) {
        at = close + run
        continue
      }
      // Everything after an unclosed code span is code: close it, or hide it while empty. A
      // closing run still arriving is dropped, or it would stack up with the one added here.
      const body = text.slice(at + run).replace(/`+$/, '')
      if (body.trim() !== '') code = '`'.repeat(run) + body + '`'.repeat(run)
      prose = at
    } else if (char === '*' || char === '~') {
      const run = runLength(text, at, char)
      if (char === '~' && run === 1 && at + run === text.length) prose = at
      if (char === '*' || run === 2) {
        const before = text[at - 1]
        const after = text[at + run]
        const canClose = before !== undefined && !isSpace(before)
        const canOpen =
          after !== undefined && !isSpace(after) && (before === undefined || isSpaceOrPunct(before))
        const left = canClose ? closeMarks(open, char, run) : run
        // A run with nothing after it yet may turn out to be anything: hide it for now.
        if (left > 0 && after === undefined) prose = at + run - left
        else if (left > 0 && canOpen) openMarks(open, char, left)
      }
      at += run
    } else {
      at++
    }
  }
  const shown = repairLink(text.slice(0, prose))
  const closers = open.reverse().join('')
  if (code) return shown + code + closers
  return closers ? shown.trimEnd() + closers : shown
}

function closeMarks(open: Mark[], char: string, run: number): number {
  let left = run
  for (let top = open.at(-1); top && top[0] === char && left >= top.length; top = open.at(-1)) {
    open.pop()
    left -= top.length
  }
  return left
}

function openMarks(open: Mark[], char: string, run: number): void {
  if (char === '~') open.push('~~')
  else if (run === 1) open.push('*')
  else if (run === 2) open.push('**')
  else open.push('**', '*')
}

/** `[text](https://exa` shows `text` and `[text` shows `text` until the link is complete. */
function repairLink(text: string): string {
  const destination = /\]\([^)]*$/.exec(text)
  if (destination) {
    const open = text.lastIndexOf('[', destination.index)
    if (open !== -1) {
      const from = text[open - 1] === '!' ? open - 1 : open
      return text.slice(0, from) + text.slice(open + 1, destination.index)
    }
  }
  const open = text.lastIndexOf('[')
  if (open !== -1 && !text.includes(']', open)) return text.slice(0, open) + text.slice(open + 1)
  return text
}

function runLength(text: string, at: number, char: string): number {
  let run = 0
  while (text[at + run] === char) run++
  return run
}

function findRun(text: string, from: number, length: number): number {
  for (let at = text.indexOf('`', from); at !== -1;) {
    const run = runLength(text, at, '`')
    if (run === length) return at
    at = text.indexOf('`', at + run)
  }
  return -1
}

function isSpace(char: string): boolean {
  return /\s/.test(char)
}

function isSpaceOrPunct(char: string): boolean {
  return /[\s\p{P}\p{S}]/u.test(char)
}
