import { createRelayCore, type RelayCore, type RelayOptions } from './relay-core.ts'

export type { RelayOptions, RelayOutcome } from './relay-core.ts'

/**
 * Relays a Dify SSE body to the browser as a web stream (relay-core.ts): the path on every
 * runtime, and on Node for the in-process demo bot. Dify is read only when the browser pulls, so
 * a slow browser slows the reading instead of filling memory. `browserGone` (the request's signal)
 * ends it as a cancel does: Workers report a closed connection only there, never cancelling the
 * response body.
 */
export function relayDifyStream(
  upstream: ReadableStream<Uint8Array>,
  options: RelayOptions,
  browserGone?: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = upstream.getReader()
  let core!: RelayCore
  let done = false
  let pulling = false
  const leave = async (reason?: unknown) => {
    done = true
    core.cancel()
    await reader.cancel(reason).catch(() => {})
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      core = createRelayCore(options, {
        write: (bytes) => controller.enqueue(bytes),
        close() {
          done = true
          controller.close()
        },
        abort() {
          done = true
          controller.error(browserStoppedReading())
        },
        stopUpstream: () => void reader.cancel().catch(() => {}),
        browserBehind: () => !pulling,
      })
      if (browserGone?.aborted) void leave()
      else browserGone?.addEventListener('abort', () => void leave(), { once: true })
    },
    async pull() {
      pulling = true
      try {
        while (!done) {
          let result: ReadableStreamReadResult<Uint8Array>
          try {
            result = await reader.read()
          } catch {
            return core.fail()
          }
          if (result.done) return core.end()
          if (core.push(result.value)) return
        }
      } finally {
        pulling = false
      }
    },
    cancel: leave,
  })
}

/**
 * The reason a stream is cut when its browser stopped reading. Servers treat a premature close as
 * the client's doing (@hono/node-server logs no error for this code), which it is.
 */
function browserStoppedReading(): Error {
  return Object.assign(new Error('The browser stopped reading the answer.'), {
    code: 'ERR_STREAM_PREMATURE_CLOSE',
  })
}
