import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors.ts'
import { pacedReads } from './upload-pace.ts'

const PACE = { windowMs: 200, minBytes: 100 }

/** A body that sends `bytes` every `everyMs`, `times` times, then ends. */
function trickle(bytes: number, everyMs: number, times: number) {
  let sent = 0
  let cancelled = false
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent === times) return controller.close()
      await new Promise((resolve) => setTimeout(resolve, everyMs))
      sent++
      controller.enqueue(new Uint8Array(bytes))
    },
    cancel() {
      cancelled = true
    },
  })
  return { reader: body.getReader(), cancelled: () => cancelled }
}

async function readAll(read: () => Promise<ReadableStreamReadResult<Uint8Array>>) {
  let total = 0
  for (;;) {
    const result = await read()
    if (result.done) return total
    total += result.value.byteLength
  }
}

describe('pacedReads', () => {
  it('lets a steady sender through, however long it takes', async () => {
    // 60 bytes each 50 ms is 240 a window, over 6 windows.
    const { reader } = trickle(60, 50, 24)
    expect(await readAll(pacedReads(reader, PACE))).toBe(60 * 24)
  })

  it('cuts a sender that trickles bytes with 408 upload_too_slow, and cancels its body', async () => {
    // 10 bytes each 50 ms is 40 a window: never silent, but far below the pace.
    const { reader, cancelled } = trickle(10, 50, 1000)
    const error = await readAll(pacedReads(reader, PACE)).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).status).toBe(408)
    expect((error as HttpError).code).toBe('upload_too_slow')
    expect(cancelled()).toBe(true)
  })

  it('cuts a sender that goes silent while a read waits, at the end of the window', async () => {
    const { reader } = trickle(500, 5_000, 1)
    const started = Date.now()
    const error = await pacedReads(reader, PACE)().catch((thrown: unknown) => thrown)
    expect((error as HttpError).code).toBe('upload_too_slow')
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it('does not count the time the bytes wait for their reader', async () => {
    const { reader } = trickle(60, 100, 6)
    const read = pacedReads(reader, PACE)
    let total = 0
    for (;;) {
      const result = await read()
      if (result.done) break
      total += result.value.byteLength
      // Dify taking the bytes slowly: far longer than a window between reads.
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
    expect(total).toBe(360)
  })
})
