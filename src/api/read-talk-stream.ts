import type { DifyStreamEvent } from '../../contract/dify-wire.ts'

/**
 * Reads the `/talk` event stream to its end (connection close is the end of a turn, per
 * docs/dify-wire.md#stream-framing): UTF-8 decoded incrementally, records split anywhere, comments and unknown
 * fields ignored, non-JSON records skipped. Resolves when the stream closes; rejects if it breaks.
 */
export async function readTalkStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: DifyStreamEvent) => void,
): Promise<void> {
  const decoder = new TextDecoder()
  const records = createSseDataReader((data) => {
    let event: unknown
    try {
      event = JSON.parse(data)
    } catch {
      return
    }
    if (event && typeof event === 'object') onEvent(normalize(event as Record<string, unknown>))
  })
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      records.feed(decoder.decode(value, { stream: true }))
    }
    records.feed(decoder.decode() + '\n\n')
  } finally {
    reader.releaseLock()
  }
}

const LINE_END = /\r\n|\r|\n/

/**
 * The `data` of each SSE record (WHATWG event-stream parsing, reduced to the one field the relay
 * sends): lines end in LF, CRLF or CR, a blank line ends a record, `:` lines are comments. The
 * relay writes only `data:` records and comments, so a full SSE parser would be first-load
 * weight for nothing.
 */
function createSseDataReader(onData: (data: string) => void) {
  let pending = ''
  let afterCr = false
  let data: string[] = []
  const readLine = (line: string) => {
    if (line === '') {
      if (data.length > 0) onData(data.join('\n'))
      data = []
      return
    }
    const colon = line.indexOf(':')
    if (colon === 0 || (colon < 0 ? line : line.slice(0, colon)) !== 'data') return
    const value = colon < 0 ? '' : line.slice(colon + 1)
    data.push(value.startsWith(' ') ? value.slice(1) : value)
  }
  return {
    feed(text: string) {
      if (text === '') return
      // A CRLF split between two pieces is one line end, not two.
      if (afterCr && text.startsWith('\n')) text = text.slice(1)
      afterCr = text.endsWith('\r')
      const lines = (pending + text).split(LINE_END)
      pending = lines.pop() ?? ''
      for (const line of lines) readLine(line)
    },
  }
}

/** Dify's rule (docs/dify-wire.md#stream-errors): an object with status >= 400, or with no event, is an error. */
function normalize(event: Record<string, unknown>): DifyStreamEvent {
  const status = typeof event.status === 'number' ? event.status : undefined
  if (event.event !== 'error' && (typeof event.event !== 'string' || (status ?? 0) >= 400)) {
    return {
      event: 'error',
      code: typeof event.code === 'string' ? event.code : 'stream_error',
      status: status ?? 500,
      message: typeof event.message === 'string' ? event.message : '',
    }
  }
  return event as unknown as DifyStreamEvent
}
