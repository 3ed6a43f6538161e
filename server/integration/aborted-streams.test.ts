import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from './test-stack.ts'

const STREAMS = 1000
const BATCH = 50

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack.close())

/** Open handles by kind (sockets, timers, …), as Node counts them. */
function resources(): Map<string, number> {
  const counts = new Map<string, number>()
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return counts
}

function excess(baseline: Map<string, number>): Record<string, number> {
  const over: Record<string, number> = {}
  for (const [kind, count] of resources()) {
    const extra = count - (baseline.get(kind) ?? 0)
    if (extra > 0) over[kind] = extra
  }
  return over
}

/** Opens one answer, reads its first event, then leaves like a closed browser tab. */
async function openAndLeave(n: number): Promise<void> {
  const controller = new AbortController()
  const response = await stack.talk(
    'leaver',
    { query: `[[slow=20]] story number ${n}` },
    { signal: controller.signal },
    'load',
  )
  expect(response.status).toBe(200)
  const reader = response.body!.getReader()
  const { value } = await reader.read()
  expect(new TextDecoder().decode(value)).toMatch(/^data: \{"event":"message"/)
  controller.abort()
  await reader.cancel().catch(() => {})
}

describe(`${STREAMS} browsers that leave mid-answer`, () => {
  it('each aborts its upstream request and gets Dify stop; handles return to baseline', async () => {
    const { fake } = stack.upstream
    await (await stack.visit('leaver', '/load/')).text()
    const baseline = resources()
    const started = Date.now()
    for (let batch = 0; batch < STREAMS / BATCH; batch++) {
      await Promise.all(
        Array.from({ length: BATCH }, (_, index) => openAndLeave(batch * BATCH + index)),
      )
    }
    await expect.poll(() => fake.cancelledStreams(), { timeout: 20_000 }).toBe(STREAMS)
    await expect.poll(() => fake.stops.length, { timeout: 20_000 }).toBe(STREAMS)
    expect(new Set(fake.stops.map((stop) => stop.taskId)).size).toBe(STREAMS)
    expect(new Set(fake.stops.map((stop) => stop.user))).toEqual(
      new Set([stack.difyUserOf('leaver', 'load')]),
    )
    await expect.poll(() => fake.activeTasks(), { timeout: 20_000 }).toBe(0)
    // Pooled keep-alive sockets of the stop calls close after their idle timeout (undici: 4 s).
    await expect.poll(() => excess(baseline), { timeout: 30_000, interval: 250 }).toEqual({})
    console.log(
      `${STREAMS} aborted streams in ${Date.now() - started} ms, handles back to baseline`,
    )
  }, 120_000)
})
