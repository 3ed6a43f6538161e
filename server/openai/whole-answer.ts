import { createTurnReader, type TurnReaderOptions, type TurnState } from './dify-turn-reader.ts'

export interface WholeAnswer {
  state: TurnState
  /** The answer as the client gets it: Dify's replacement if moderation replaced it. */
  content: string
  reasoning: string
}

/**
 * Reads a Dify answer stream to its end for a client that did not ask for `stream` (Dify's own
 * blocking mode is cut at 100 s behind Cloudflare and refused by Agent apps). No byte for
 * `idleTimeoutMs` ends it with an `upstream_timeout` error in `state`.
 */
export async function readWholeAnswer(
  upstream: ReadableStream<Uint8Array>,
  options: Pick<TurnReaderOptions, 'maxRecordBytes' | 'difyOrigin' | 'workflowApp'> & {
    idleTimeoutMs: number
  },
): Promise<WholeAnswer> {
  let content = ''
  let reasoning = ''
  const turn = createTurnReader({
    ...options,
    onDelta(delta) {
      content += delta.content ?? ''
      reasoning += delta.reasoning_content ?? ''
    },
  })
  const source = upstream.getReader()
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      timedOut = true
      void source.cancel().catch(() => {})
    }, options.idleTimeoutMs)
  }
  try {
    for (arm(); ; arm()) {
      const result = await source.read()
      if (result.done) {
        if (timedOut) turn.state.error ??= TIMEOUT
        else turn.end()
        break
      }
      turn.feed(result.value)
      if (content.length + reasoning.length > MAX_ANSWER_CHARS) turn.state.error ??= TOO_LARGE
      if (turn.state.error) {
        void source.cancel().catch(() => {})
        break
      }
    }
  } catch {
    if (timedOut) turn.state.error ??= TIMEOUT
    else turn.fail()
  } finally {
    clearTimeout(timer)
  }
  return { state: turn.state, content: turn.state.replacement ?? content, reasoning }
}

/** Far beyond any LLM answer; only a runaway upstream gets here, and memory must not follow it. */
const MAX_ANSWER_CHARS = 8_000_000
const TOO_LARGE = {
  status: 502,
  code: 'upstream_answer_too_large',
  message: 'The chat service sent an answer too large to hold.',
}
const TIMEOUT = {
  status: 504,
  code: 'upstream_timeout',
  message: 'The chat service stopped answering.',
}
