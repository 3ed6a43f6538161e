import { createParser } from 'eventsource-parser'
import type { DifyStreamEvent } from '../wire/dify.ts'

/**
 * Reads the `/talk` event stream to its end (connection close is the end of a turn, per
 * dify-api.md §4): UTF-8 decoded incrementally, records split anywhere, comments and unknown
 * fields ignored, non-JSON records skipped. Resolves when the stream closes; rejects if it breaks.
 */
export async function readTalkStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: DifyStreamEvent) => void,
): Promise<void> {
  const decoder = new TextDecoder()
  const parser = createParser({
    onEvent({ data }) {
      let event: unknown
      try {
        event = JSON.parse(data)
      } catch {
        return
      }
      if (event && typeof event === 'object') onEvent(normalize(event as Record<string, unknown>))
    },
  })
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parser.feed(decoder.decode(value, { stream: true }))
    }
    parser.feed(decoder.decode() + '\n\n')
  } finally {
    reader.releaseLock()
  }
}

/** Dify's rule (§7): an object with status >= 400, or with no event, is an error. */
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
