import { createParser } from 'eventsource-parser'
import { toBrowserEvent } from './browser-event.ts'

export interface RelayOptions {
  /** No byte from Dify for this long ends the turn with an `upstream_timeout` error event. */
  idleTimeoutMs: number
  /** The browser gets an SSE comment after this much silence, so proxies keep the line open. */
  keepAliveMs: number
  /** One SSE record (or garbage line) larger than this ends the turn with an error event. */
  maxRecordChars: number
  /** Called once per relayed event, e.g. to learn the task id for Dify's stop API. */
  onEvent?: (event: Record<string, unknown>) => void
  /** Called once when the relay ends, with why. */
  onFinish?: (outcome: RelayOutcome) => void
}

export interface RelayOutcome {
  reason: 'complete' | 'browser_closed' | 'upstream_broken' | 'idle_timeout' | 'record_too_large'
  events: number
  bytes: number
}

const KEEP_ALIVE = new TextEncoder().encode(': keep-alive\n\n')
const TIMED_OUT = Symbol('timed out')

/**
 * Relays a Dify SSE body (dify-api.md §4) to the browser as `data: <json>\n\n` records, one
 * write per upstream chunk so every event leaves as soon as it arrives. Records may be split
 * anywhere, inside multi-byte UTF-8 too; events are filtered by toBrowserEvent; garbage lines are
 * dropped. A broken, stalled or runaway upstream ends the stream with a synthetic `error` event.
 */
export function relayDifyStream(
  upstream: ReadableStream<Uint8Array>,
  options: RelayOptions,
): ReadableStream<Uint8Array> {
  const reader = upstream.getReader()
  const decoder = new TextDecoder()
  const encoder = new TextEncoder()
  let output = ''
  let events = 0
  let bytes = 0
  let lastIds: Record<string, unknown> = {}
  let parseFailure = false
  let pendingRead: Promise<ReadableStreamReadResult<Uint8Array>> | null = null
  let idleSince = Date.now()
  let lastWrite = Date.now()
  let finished = false

  const parser = createParser({
    maxBufferSize: options.maxRecordChars,
    onEvent({ data }) {
      if (data.length > options.maxRecordChars) {
        parseFailure = true
        return
      }
      const browserEvent = parseRecord(data)
      if (!browserEvent) return
      events++
      lastIds = {
        conversation_id: browserEvent.conversation_id,
        message_id: browserEvent.message_id,
      }
      options.onEvent?.(browserEvent)
      output += `data: ${JSON.stringify(browserEvent)}\n\n`
    },
    onError(error) {
      if (error.type === 'max-buffer-size-exceeded') parseFailure = true
    },
  })

  const finish = (reason: RelayOutcome['reason']) => {
    if (finished) return
    finished = true
    options.onFinish?.({ reason, events, bytes })
  }

  const syntheticError = (code: string, status: number, message: string) =>
    encoder.encode(
      `data: ${JSON.stringify({ event: 'error', ...lastIds, code, status, message })}\n\n`,
    )

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        pendingRead ??= reader.read()
        let result: ReadableStreamReadResult<Uint8Array> | typeof TIMED_OUT
        try {
          // Dify's own pings produce no output, so the browser's keep-alive is timed from our
          // last write, not from the last upstream byte; the idle limit may come sooner.
          const untilKeepAlive = options.keepAliveMs - (Date.now() - lastWrite)
          const untilIdle = options.idleTimeoutMs - (Date.now() - idleSince)
          result = await withTimeout(pendingRead, Math.max(0, Math.min(untilKeepAlive, untilIdle)))
        } catch {
          if (finished) return
          controller.enqueue(
            syntheticError('upstream_broken', 502, 'The connection to the chat service broke.'),
          )
          controller.close()
          return finish('upstream_broken')
        }
        if (result === TIMED_OUT) {
          if (Date.now() - idleSince < options.idleTimeoutMs) {
            controller.enqueue(KEEP_ALIVE)
            lastWrite = Date.now()
            return
          }
          controller.enqueue(
            syntheticError('upstream_timeout', 504, 'The chat service stopped answering.'),
          )
          controller.close()
          void reader.cancel().catch(() => {})
          return finish('idle_timeout')
        }
        pendingRead = null
        idleSince = Date.now()
        if (result.done) {
          parser.feed(decoder.decode() + '\n\n')
          flush(controller)
          controller.close()
          return finish('complete')
        }
        bytes += result.value.byteLength
        parser.feed(decoder.decode(result.value, { stream: true }))
        if (parseFailure) {
          flush(controller)
          controller.enqueue(
            syntheticError(
              'upstream_record_too_large',
              502,
              'The chat service sent a broken answer.',
            ),
          )
          controller.close()
          void reader.cancel().catch(() => {})
          return finish('record_too_large')
        }
        if (flush(controller)) return
      }
    },
    async cancel(reason) {
      finish('browser_closed')
      await reader.cancel(reason).catch(() => {})
    },
  })

  function flush(controller: ReadableStreamDefaultController<Uint8Array>): boolean {
    if (output === '') return false
    controller.enqueue(encoder.encode(output))
    output = ''
    lastWrite = Date.now()
    return true
  }
}

function parseRecord(data: string): Record<string, unknown> | null {
  let event: unknown
  try {
    event = JSON.parse(data)
  } catch {
    return null
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return null
  return toBrowserEvent(event as Record<string, unknown>)
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, ms, TIMED_OUT)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
