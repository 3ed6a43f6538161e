import { HttpError } from '../errors.ts'
import { chunk, completionBase, difyExtra, type CompletionBase } from './completion-shapes.ts'
import { createTurnReader, type TurnReaderOptions, type TurnState } from './dify-turn-reader.ts'
import { toOpenAiError } from './openai-error.ts'

export interface ChunkStreamOptions {
  model: string
  includeUsage: boolean
  reader: Pick<TurnReaderOptions, 'maxRecordBytes' | 'difyOrigin' | 'workflowApp'>
  /** No byte from Dify for this long ends the answer with an error chunk. */
  idleTimeoutMs: number
  /** A comment line after this much silence keeps proxies from closing the line. */
  keepAliveMs: number
  /** Called once: how it ended, the content the client received and what Dify said. */
  onFinish(outcome: StreamOutcome): void
}

export interface StreamOutcome {
  reason: 'complete' | 'failed' | 'client_closed'
  content: string
  state: TurnState
}

const encoder = new TextEncoder()
const record = (value: unknown) => encoder.encode(`data: ${JSON.stringify(value)}\n\n`)
const DONE = encoder.encode('data: [DONE]\n\n')
const KEEP_ALIVE = encoder.encode(': keep-alive\n\n')

/**
 * Dify's answer stream as OpenAI `chat.completion.chunk`s (docs/openai-api.md "Streaming"): the
 * role first, then content and reasoning deltas, a last chunk with `finish_reason` and the `dify`
 * extra field, the usage chunk when asked for, and `data: [DONE]`. A failure mid-stream sends one
 * `{"error": …}` record and closes, as OpenAI does. Dify is read only when the client pulls.
 */
export function openAiChunkStream(
  upstream: ReadableStream<Uint8Array>,
  options: ChunkStreamOptions,
): ReadableStream<Uint8Array> {
  const source = upstream.getReader()
  let base: CompletionBase | undefined
  let content = ''
  let finished = false
  let pulling = false
  let lastByteAt = Date.now()
  let lastWriteAt = lastByteAt
  let timer: ReturnType<typeof setTimeout> | undefined
  let output!: ReadableStreamDefaultController<Uint8Array>
  let wrote = false

  const write = (bytes: Uint8Array) => {
    wrote = true
    lastWriteAt = Date.now()
    output.enqueue(bytes)
  }
  const turn = createTurnReader({
    ...options.reader,
    onStart(state) {
      base = completionBase(state, options.model)
      write(record(chunk(base, { role: 'assistant', content: '' })))
    },
    onDelta(delta) {
      if (!base) base = completionBase(turn.state, options.model)
      if (delta.content) content += delta.content
      write(record(chunk(base, delta)))
    },
  })

  const finish = (reason: StreamOutcome['reason']) => {
    if (finished) return
    finished = true
    clearTimeout(timer)
    options.onFinish({ reason, content, state: turn.state })
  }
  const close = () => {
    const { state } = turn
    if (state.error) {
      const { status, code, message } = state.error
      write(record(toOpenAiError(new HttpError(status, code, message)).toBody()))
      output.close()
      return finish('failed')
    }
    base ??= completionBase(state, options.model)
    write(record(chunk(base, {}, state.finishReason, { dify: difyExtra(state) })))
    if (options.includeUsage) {
      write(
        record({
          ...base,
          object: 'chat.completion.chunk',
          choices: [],
          usage: state.usage ?? null,
        }),
      )
    }
    write(DONE)
    output.close()
    finish('complete')
  }

  const tick = () => {
    if (finished) return
    const now = Date.now()
    if (!pulling) lastByteAt = now
    if (now - lastByteAt >= options.idleTimeoutMs) {
      turn.state.error ??= {
        status: 504,
        code: 'upstream_timeout',
        message: 'The chat service stopped answering.',
      }
      void source.cancel().catch(() => {})
      return close()
    }
    if (now - lastWriteAt >= options.keepAliveMs) write(KEEP_ALIVE)
    const next = Math.min(
      options.keepAliveMs - (Date.now() - lastWriteAt),
      options.idleTimeoutMs - (now - lastByteAt),
    )
    timer = setTimeout(tick, Math.max(1, next))
  }

  return new ReadableStream<Uint8Array>({
    start(controller) {
      output = controller
      timer = setTimeout(tick, Math.min(options.keepAliveMs, options.idleTimeoutMs))
    },
    async pull() {
      pulling = true
      wrote = false
      try {
        while (!finished && !wrote) {
          let result: ReadableStreamReadResult<Uint8Array>
          try {
            result = await source.read()
          } catch {
            if (finished) return
            turn.fail()
            return close()
          }
          if (finished) return
          lastByteAt = Date.now()
          if (result.done) {
            turn.end()
            return close()
          }
          turn.feed(result.value)
          if (turn.state.error || turn.state.ended) {
            // Chatflow may still send `workflow_finished`; nothing in it changes the answer.
            if (turn.state.error) void source.cancel().catch(() => {})
            else void drain(source)
            return close()
          }
        }
      } finally {
        pulling = false
      }
    },
    async cancel(reason) {
      finish('client_closed')
      await source.cancel(reason).catch(() => {})
    },
  })
}

/** Reads the rest of a stream whose answer is complete, so Dify's request ends normally. */
async function drain(source: ReadableStreamDefaultReader<Uint8Array>) {
  try {
    while (!(await source.read()).done) {
      // Nothing after message_end matters.
    }
  } catch {
    // A broken connection after the answer changes nothing.
  }
}
