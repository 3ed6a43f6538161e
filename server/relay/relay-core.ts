import { toBrowserEvent } from './browser-event.ts'
import { absoluteFileUrl } from './file-url.ts'
import { createSseDataReader } from './sse-data-reader.ts'
import {
  createTrimmedMessage,
  trimMessageRecord,
  type TrimmedMessage,
} from './trim-message-record.ts'

export interface RelayOptions {
  /** No byte from Dify for this long ends the turn with an `upstream_timeout` error event. */
  idleTimeoutMs: number
  /** The browser gets an SSE comment after this much silence, so proxies keep the line open. */
  keepAliveMs: number
  /** One SSE record (or garbage line) larger than this ends the turn with an error event. */
  maxRecordBytes: number
  /**
   * The browser has taken none of the output for this long: the turn ends (the browser's
   * connection cut, Dify's reading stopped), so a reader that stalls can't hold Dify open.
   */
  drainTimeoutMs?: number
  /** The whole answer may take this long; then it ends with an `answer_too_long` error event. */
  maxDurationMs?: number
  /** Dify's origin: a `message_file` URL is made absolute against it (dropped if not http(s)). */
  difyOrigin?: string
  /** Called once, with the `task_id` of the first relayed event that has one (for Dify's stop). */
  onTaskId?: (taskId: string) => void
  /** Called once when the relay ends, with why. */
  onFinish?: (outcome: RelayOutcome) => void
  /** What of each event the browser gets (null: nothing); chat's browser-event.ts by default. */
  toBrowserEvent?: (event: Record<string, unknown>) => Record<string, unknown> | null
}

export interface RelayOutcome {
  reason:
    | 'complete'
    | 'browser_closed'
    | 'upstream_broken'
    | 'idle_timeout'
    | 'record_too_large'
    | 'drain_timeout'
    | 'max_duration'
  events: number
  bytes: number
}

/** Where the relay's output goes; each runtime's wrapper provides one. */
export interface RelaySink {
  write(bytes: Uint8Array): void
  /** Ends the browser's stream. */
  close(): void
  /** Stops reading Dify (idle or runaway upstream). */
  stopUpstream(): void
  /** True while the browser hasn't taken the output yet: Dify isn't read then, so not idle. */
  browserBehind(): boolean
  /** Cuts the browser's connection without a goodbye (it isn't reading one). */
  abort(): void
  /** A buffer for one write, e.g. Node's pooled Buffer.allocUnsafe; a new Uint8Array if unset. */
  allocate?(size: number): Uint8Array
}

export interface RelayCore {
  /** One chunk from Dify; true when it produced output for the browser. */
  push(chunk: Uint8Array): boolean
  /** Dify ended the stream. */
  end(): void
  /** The connection to Dify broke. */
  fail(): void
  /** The browser left: only reports `browser_closed`; the wrapper stops the upstream. */
  cancel(): void
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const bytesOf = (text: string) => encoder.encode(text)
const KEEP_ALIVE = bytesOf(': keep-alive\n\n')
const RECORD_OPEN = bytesOf('data: {')
const RECORD_CLOSE = bytesOf('}\n\n')
const COMMA = bytesOf(',')
const EMPTY = new Uint8Array(0)

/**
 * The relay of a Dify SSE body (docs/dify-wire.md#stream-framing) to the browser as `data: <json>\n\n` records, fed
 * by pushes so any runtime's stream can drive it. Each pushed chunk gives at most one write, so
 * every event leaves as soon as its record is complete. Events are filtered as toBrowserEvent
 * says (message records on a byte-copy fast path, trim-message-record.ts); garbage is dropped.
 * A broken, stalled or runaway upstream ends the stream with a synthetic `error` event.
 */
export function createRelayCore(options: RelayOptions, sink: RelaySink): RelayCore {
  const trimmed: TrimmedMessage = createTrimmedMessage()
  // The output of one chunk as byte ranges of their sources, joined into one buffer per write.
  const sources: Uint8Array[] = []
  const starts: number[] = []
  const ends: number[] = []
  let ranges = 0
  let outputBytes = 0
  const allocate = sink.allocate ?? ((size: number) => new Uint8Array(size))
  let events = 0
  let bytes = 0
  let conversationId: Uint8Array | undefined
  let messageId: Uint8Array | undefined
  let taskIdReported = !options.onTaskId
  let tooLarge = false
  let finished = false
  const startedAt = Date.now()
  let lastByteAt = startedAt
  let lastWriteAt = lastByteAt
  /** When the browser was first seen behind since it last took output; undefined: it is not. */
  let behindSince: number | undefined
  const drainTimeoutMs = options.drainTimeoutMs ?? Infinity
  const maxDurationMs = options.maxDurationMs ?? Infinity

  const emit = (source: Uint8Array, start = 0, end = source.length) => {
    sources[ranges] = source
    starts[ranges] = start
    ends[ranges] = end
    ranges++
    outputBytes += end - start
  }

  const reader = createSseDataReader({
    maxRecordBytes: options.maxRecordBytes,
    onTooLarge: () => (tooLarge = true),
    onData(data) {
      if (trimMessageRecord(data, trimmed)) relayTrimmed(data)
      else relayParsed(data)
    },
  })

  function relayTrimmed(data: Uint8Array) {
    events++
    conversationId = sameOrCopy(conversationId, data, trimmed.conversationId)
    messageId = sameOrCopy(messageId, data, trimmed.messageId)
    if (!taskIdReported && trimmed.taskId[0] >= 0) {
      reportTaskId(JSON.parse(decoder.decode(data.subarray(...trimmed.taskId))))
    }
    emit(RECORD_OPEN)
    const { spans, count } = trimmed
    for (let i = 0; i < count; i++) {
      const start = spans[2 * i]!
      let end = spans[2 * i + 1]!
      // Neighbouring fields are copied as one piece, commas between them included.
      while (i + 1 < count && spans[2 * i + 2] === end + 1) end = spans[2 * ++i + 1]!
      if (sources[ranges - 1] !== RECORD_OPEN) emit(COMMA)
      emit(data, start, end)
    }
    emit(RECORD_CLOSE)
  }

  function relayParsed(data: Uint8Array) {
    let event: unknown
    try {
      event = JSON.parse(decoder.decode(data))
    } catch {
      return
    }
    if (event === null || typeof event !== 'object' || Array.isArray(event)) return
    const browserEvent = withAbsoluteFileUrl(
      (options.toBrowserEvent ?? toBrowserEvent)(event as Record<string, unknown>),
      options.difyOrigin,
    )
    if (!browserEvent) return
    events++
    conversationId = jsonBytes(browserEvent.conversation_id)
    messageId = jsonBytes(browserEvent.message_id)
    if (!taskIdReported) reportTaskId(browserEvent.task_id)
    emit(bytesOf(`data: ${JSON.stringify(browserEvent)}\n\n`))
  }

  function reportTaskId(taskId: unknown) {
    if (typeof taskId !== 'string') return
    taskIdReported = true
    options.onTaskId?.(taskId)
  }

  function flush(): boolean {
    if (ranges === 0) return false
    const output = allocate(outputBytes)
    let at = 0
    for (let i = 0; i < ranges; i++) {
      const source = sources[i]!
      for (let from = starts[i]!, end = ends[i]!; from < end; from++) output[at++] = source[from]!
    }
    sources.fill(EMPTY, 0, ranges)
    ranges = 0
    outputBytes = 0
    lastWriteAt = Date.now()
    sink.write(output)
    if (sink.browserBehind()) behindSince ??= lastWriteAt
    return true
  }

  function finish(reason: RelayOutcome['reason']) {
    finished = true
    clearTimeout(timer)
    options.onFinish?.({ reason, events, bytes })
  }

  function endWithError(
    reason: RelayOutcome['reason'],
    code: string,
    status: number,
    message: string,
  ) {
    const ids =
      (conversationId ? `,"conversation_id":${decoder.decode(conversationId)}` : '') +
      (messageId ? `,"message_id":${decoder.decode(messageId)}` : '')
    const fields = JSON.stringify({ code, status, message }).slice(1)
    sink.write(bytesOf(`data: {"event":"error"${ids},${fields}\n\n`))
    sink.close()
    finish(reason)
  }

  function endTooLarge() {
    endWithError(
      'record_too_large',
      'upstream_record_too_large',
      502,
      'The chat service sent a broken answer.',
    )
  }

  // One timer for keep-alives and every deadline, re-armed when it fires rather than per event.
  let timer = setTimeout(
    tick,
    Math.min(options.keepAliveMs, options.idleTimeoutMs, drainTimeoutMs, maxDurationMs),
  )
  function tick() {
    if (finished) return
    const now = Date.now()
    if (sink.browserBehind()) {
      lastByteAt = now
      behindSince ??= now
    } else behindSince = undefined
    if (behindSince !== undefined && now - behindSince >= drainTimeoutMs) {
      sink.stopUpstream()
      sink.abort()
      return finish('drain_timeout')
    }
    if (now - startedAt >= maxDurationMs) {
      sink.stopUpstream()
      return endWithError(
        'max_duration',
        'answer_too_long',
        504,
        'The answer took longer than this chat allows.',
      )
    }
    if (now - lastByteAt >= options.idleTimeoutMs) {
      sink.stopUpstream()
      return endWithError(
        'idle_timeout',
        'upstream_timeout',
        504,
        'The chat service stopped answering.',
      )
    }
    // Dify's own pings produce no output, so keep-alives are timed from our last write.
    if (now - lastWriteAt >= options.keepAliveMs) {
      sink.write(KEEP_ALIVE)
      lastWriteAt = now
    }
    const untilKeepAlive = options.keepAliveMs - (now - lastWriteAt)
    const untilIdle = options.idleTimeoutMs - (now - lastByteAt)
    const untilDrain = drainTimeoutMs - (now - (behindSince ?? now))
    const untilEnd = maxDurationMs - (now - startedAt)
    timer = setTimeout(tick, Math.max(1, Math.min(untilKeepAlive, untilIdle, untilDrain, untilEnd)))
  }

  return {
    push(chunk) {
      if (finished) return false
      lastByteAt = Date.now()
      // Dify is read only when the browser has taken what came before.
      behindSince = undefined
      bytes += chunk.byteLength
      reader.feed(chunk)
      if (!tooLarge) return flush()
      flush()
      sink.stopUpstream()
      endTooLarge()
      return true
    },
    end() {
      if (finished) return
      reader.end()
      flush()
      if (tooLarge) return endTooLarge()
      sink.close()
      finish('complete')
    },
    fail() {
      if (finished) return
      endWithError(
        'upstream_broken',
        'upstream_broken',
        502,
        'The connection to the chat service broke.',
      )
    },
    cancel() {
      if (!finished) finish('browser_closed')
    },
  }
}

function withAbsoluteFileUrl(
  event: Record<string, unknown> | null,
  difyOrigin: string | undefined,
): Record<string, unknown> | null {
  if (event?.event !== 'message_file' || difyOrigin === undefined) return event
  const url = absoluteFileUrl(event.url, difyOrigin)
  return url ? { ...event, url } : null
}

/** The previous id when the record repeats it (the usual case), else a copy of the new one. */
function sameOrCopy(
  previous: Uint8Array | undefined,
  data: Uint8Array,
  [start, end]: [number, number],
): Uint8Array | undefined {
  if (start < 0) return undefined
  if (previous?.length === end - start) {
    let same = true
    for (let i = 0; i < previous.length && same; i++) same = previous[i] === data[start + i]
    if (same) return previous
  }
  // A copy, not a view that would keep the whole chunk alive (a Node Buffer's slice is a view).
  return new Uint8Array(data.subarray(start, end))
}

function jsonBytes(value: unknown): Uint8Array | undefined {
  return value === undefined ? undefined : bytesOf(JSON.stringify(value))
}
