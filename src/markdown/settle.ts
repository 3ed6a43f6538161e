/**
 * Where a streaming answer can be cut so that the text before the cut never needs parsing again:
 * what marked renders for `settled + tail` equals what it renders for each part on its own.
 *
 * A cut goes before a line that follows a blank line outside a fenced code block, or right after
 * the closing line of a fence that starts at column 0. The scan reads each line once and resumes
 * from its state, so the work per update follows the new text only.
 */
export interface SettleState {
  /** Start of the first line not yet read. */
  readonly pos: number
  /** Everything before this offset is settled. */
  readonly cut: number
  readonly fence: Fence | null
  /** The last line read was blank (outside a fence) and no line has decided on a cut since. */
  readonly afterBlank: boolean
  /** The text since the last cut holds a list item, so a later item may still belong to it. */
  readonly inList: boolean
}

export interface Fence {
  readonly marker: '`' | '~'
  readonly length: number
  readonly indent: number
}

export const INITIAL_SETTLE: SettleState = {
  pos: 0,
  cut: 0,
  fence: null,
  afterBlank: false,
  inList: false,
}

const BLANK = /^[ \t]*\r?$/
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/
const LIST_ITEM = /^[ \t]*(?:[*+-]|\d{1,9}[.)])(?:[ \t]|\r?$)/

/**
 * Reads the lines of `text` not read yet; `text` must extend the text `state` came from.
 * `onCut` hears every cut on the way, not just the last, so a long settled stretch can be
 * rendered a few blocks at a time.
 */
export function advanceSettle(
  text: string,
  state: SettleState,
  onCut: (cut: number) => void = () => {},
): SettleState {
  let { pos, cut, fence, afterBlank, inList } = state
  const cutAt = (at: number) => {
    cut = at
    inList = false
    onCut(at)
  }
  for (;;) {
    const end = text.indexOf('\n', pos)
    if (end === -1) {
      // An unfinished line can already decide a cut before it, so a long paragraph streaming
      // after a finished block doesn't keep that block in the live tail.
      if (!fence && afterBlank) {
        const verdict = cutsBefore(text.slice(pos), inList, false)
        if (verdict !== undefined) {
          afterBlank = false
          if (verdict) cutAt(pos)
        }
      }
      return { pos, cut, fence, afterBlank, inList }
    }
    const line = text.slice(pos, end)
    if (fence) {
      if (closesFence(line, fence)) {
        // A fence at column 0 can't sit inside a list or quote, so the next line starts afresh.
        if (fence.indent === 0) cutAt(end + 1)
        fence = null
      }
    } else if (BLANK.test(line)) {
      afterBlank = true
    } else {
      if (afterBlank && cutsBefore(line, inList, true)) cutAt(pos)
      afterBlank = false
      if (LIST_ITEM.test(line)) inList = true
      fence = opensFence(line)
    }
    pos = end + 1
  }
}

/** The settled prefix and the live tail of a whole text. */
export function splitSettled(text: string): { settled: string; tail: string } {
  const { cut } = advanceSettle(text, INITIAL_SETTLE)
  return { settled: text.slice(0, cut), tail: text.slice(cut) }
}

export function opensFence(line: string): Fence | null {
  const match = FENCE_OPEN.exec(line)
  if (!match) return null
  const [, indent = '', run = '', info = ''] = match
  const marker = run[0] === '`' ? '`' : '~'
  // A backtick in the info string makes the line inline code, not a fence (CommonMark 4.5).
  if (marker === '`' && info.includes('`')) return null
  return { marker, length: run.length, indent: indent.length }
}

export function closesFence(line: string, fence: Fence): boolean {
  let at = 0
  while (at < 3 && line[at] === ' ') at++
  let run = 0
  while (line[at + run] === fence.marker) run++
  // Spaces only after the run: marked, unlike CommonMark, doesn't accept a tab there.
  return run >= fence.length && /^ *\r?$/.test(line.slice(at + run))
}

/**
 * Whether a line right after a blank line starts a new top-level block (true), continues the
 * block before (false), or can't tell yet from the part that has arrived (undefined).
 * Indented lines continue a list item or an indented code block; a list item continues an open
 * list (a loose list); anything else at column 0 starts afresh.
 */
export function cutsBefore(line: string, inList: boolean, complete: boolean): boolean | undefined {
  const first = line[0]
  if (first === undefined) return complete ? true : undefined
  if (first === ' ' || first === '\t') return false
  if (!inList) return true
  const marker = /^(?:[*+-]|\d{1,9}[.)])/.exec(line)
  if (!marker) {
    const digits = /^\d+$/.exec(line)
    return digits && !complete && line.length < 10 ? undefined : true
  }
  const next = line[marker[0].length]
  if (next === undefined) return complete ? false : undefined
  return !(next === ' ' || next === '\t' || next === '\r')
}
