import { createWakeableSleep } from '../wakeable-sleep.ts'

export interface SseWriter {
  /** Writes `data: <json>\n\n`, Dify's framing for every data event. */
  data(event: Record<string, unknown>): void
  /** Writes Dify's keep-alive, a bare `event: ping\n\n`. */
  ping(): void
  /** Writes text as is (for garbage and broken records). */
  raw(text: string): void
  /** Writes bytes as is (for bytes that are not UTF-8). */
  bytes(data: Uint8Array): void
  /** Waits, or returns early once the reader has gone. */
  sleep(ms: number): Promise<void>
  /** True once the reader cancelled or the stream was ended. */
  readonly done: boolean
  close(): void
  /** Breaks the stream the way a reset connection does. */
  fail(): void
}

export interface SseStreamOptions {
  /** Serialises one data event; `JSON.stringify` unless a test asks for other framing. */
  encode?: (event: Record<string, unknown>) => string
  /** Cuts bytes into the chunks the reader receives; one chunk per write unless a test asks. */
  chunk?: (bytes: Uint8Array) => Uint8Array[]
  /** The reader left before the end. */
  onCancel?: () => void
}

/** A `text/event-stream` body written by `run`, as Dify writes it (docs/dify-wire.md#stream-framing). */
export function createSseStream(
  run: (writer: SseWriter) => Promise<void>,
  options: SseStreamOptions,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const encode = options.encode ?? JSON.stringify
  let done = false
  const naps = createWakeableSleep()
  const finish = () => {
    done = true
    naps.wakeAll()
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => writeBytes(encoder.encode(text))
      const writeBytes = (bytes: Uint8Array) => {
        if (done) return
        if (!options.chunk) return controller.enqueue(bytes)
        for (const piece of options.chunk(bytes)) controller.enqueue(piece)
      }
      const writer: SseWriter = {
        data: (event) => write(`data: ${encode(event)}\n\n`),
        ping: () => write('event: ping\n\n'),
        raw: write,
        bytes: writeBytes,
        sleep: (ms) => (done ? Promise.resolve() : naps.sleep(ms)),
        get done() {
          return done
        },
        close() {
          if (done) return
          finish()
          controller.close()
        },
        fail() {
          if (done) return
          finish()
          // A reset is a premature close, the code @hono/node-server (serving the fake in tests)
          // treats as a dropped connection rather than an error to print with its stack.
          controller.error(
            Object.assign(new Error('connection reset by the fake upstream'), {
              code: 'ERR_STREAM_PREMATURE_CLOSE',
            }),
          )
        },
      }
      run(writer).then(
        () => writer.close(),
        () => writer.fail(),
      )
    },
    cancel() {
      if (!done) options.onCancel?.()
      finish()
    },
  })
}
