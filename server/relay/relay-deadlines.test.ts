import { describe, expect, it } from 'vitest'
import { relayDifyStream, type RelayOptions, type RelayOutcome } from './relay-stream.ts'

const EVENT = new TextEncoder().encode(
  `data: ${JSON.stringify({
    event: 'message',
    task_id: 't1',
    message_id: 'm1',
    conversation_id: 'c1',
    answer: 'x'.repeat(4096),
  })}\n\n`,
)

/** An upstream that never ends: one event per read, each after `delayMs`. */
function endlessUpstream(delayMs = 0) {
  let cancelled = false
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs))
      controller.enqueue(EVENT)
    },
    cancel() {
      cancelled = true
    },
  })
  return { stream, cancelled: () => cancelled }
}

function relay(upstream: ReadableStream<Uint8Array>, options: Partial<RelayOptions>) {
  let outcome: RelayOutcome | undefined
  const stream = relayDifyStream(upstream, {
    idleTimeoutMs: 60_000,
    keepAliveMs: 60_000,
    maxRecordBytes: 100_000,
    ...options,
    onFinish: (finished) => (outcome = finished),
  })
  return { reader: stream.getReader(), outcome: () => outcome }
}

describe('relay deadlines on the web-stream path', () => {
  it('cuts a browser that stopped reading once the drain deadline passes, and stops reading Dify', async () => {
    const upstream = endlessUpstream()
    const { reader, outcome } = relay(upstream.stream, { drainTimeoutMs: 200 })
    await reader.read()
    const stoppedAt = Date.now()
    await expect
      .poll(() => outcome()?.reason, { timeout: 2000, interval: 20 })
      .toBe('drain_timeout')
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(190)
    expect(upstream.cancelled()).toBe(true)
    await expect(reader.read()).rejects.toThrow(/stopped reading/)
  })

  it('leaves a browser that keeps reading alone, however long the answer', async () => {
    const upstream = endlessUpstream(5)
    const { reader, outcome } = relay(upstream.stream, { drainTimeoutMs: 100 })
    const until = Date.now() + 500
    while (Date.now() < until) await reader.read()
    expect(outcome()).toBeUndefined()
    await reader.cancel()
  })

  it('ends an answer past its maximum duration with an answer_too_long error event', async () => {
    const upstream = endlessUpstream(10)
    const { reader, outcome } = relay(upstream.stream, { maxDurationMs: 300 })
    const started = Date.now()
    let text = ''
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text = new TextDecoder().decode(value)
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(JSON.parse(text.slice('data: '.length))).toMatchObject({
      event: 'error',
      code: 'answer_too_long',
      message_id: 'm1',
    })
    expect(outcome()?.reason).toBe('max_duration')
    expect(upstream.cancelled()).toBe(true)
  })
})
