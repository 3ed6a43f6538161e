import { createParser } from 'eventsource-parser'
import type { DifyStreamEvent } from '../../contract/dify-wire.ts'
import type { ChatError } from './chat-error.ts'

/**
 * The relay refuses an upstream record over 1 MB (server/app.ts); a line longer than this can only
 * be a broken stream, and buffering it would only eat the visitor's memory.
 */
const MAX_BUFFERED_CHARS = 2_000_000

/**
 * Reads the `/talk` event stream to its end (connection close is the end of a turn, per
 * docs/dify-wire.md#stream-framing): UTF-8 decoded incrementally, SSE framing by eventsource-parser
 * (records split anywhere, CRLF, comments), non-JSON records skipped. Resolves when the stream
 * closes; rejects if it breaks, is aborted, or sends an over-long line.
 */
export async function readTalkStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: DifyStreamEvent) => void,
): Promise<void> {
  const decoder = new TextDecoder()
  let refused: ChatError | undefined
  const parser = createParser({
    maxBufferSize: MAX_BUFFERED_CHARS,
    onEvent({ data }) {
      let event: unknown
      try {
        event = JSON.parse(data)
      } catch {
        return
      }
      if (event && typeof event === 'object') onEvent(normalize(event as Record<string, unknown>))
    },
    onError(error) {
      if (error.type !== 'max-buffer-size-exceeded') return
      refused = { code: 'upstream_record_too_large', status: 502, message: error.message }
    },
  })
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parser.feed(decoder.decode(value, { stream: true }))
      if (refused) {
        await reader.cancel()
        throw refused
      }
    }
    parser.feed(decoder.decode() + '\n\n')
  } finally {
    reader.releaseLock()
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
