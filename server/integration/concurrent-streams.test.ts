import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateConfig } from '../config/validate.ts'
import { createFakeDify } from '../demo/fake-dify.ts'
import { startServer, type RunningServer } from '../node/start-server.ts'

const STREAMS = 500
/** What stream `n` asks the fake to echo: multi-byte text, different per stream. */
const ANSWER = (n: number) => `스트림 ${n} 😀 “${'ab '.repeat(20)}”`
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Every `/chat-messages` body the fake sent, by the conversation it opened. */
const sent = new Map<string, string>()
const fake = createFakeDify({ tokenDelayMs: 2 })
let upstream: ReturnType<typeof serve>
let server: RunningServer

/** The fake on loopback, keeping a copy of each stream's bytes as they leave it. */
function recordingFetch(request: Request): Promise<Response> {
  return fake.fetch(request).then((response) => {
    if (!new URL(request.url).pathname.endsWith('/chat-messages') || !response.body) {
      return response
    }
    const [toClient, toRecord] = response.body.tee()
    void new Response(toRecord).text().then((text) => {
      const conversation = /"conversation_id":\s*"([^"]+)"/.exec(text)?.[1]
      if (conversation) sent.set(conversation, text)
    })
    return new Response(toClient, response)
  })
}

beforeAll(async () => {
  upstream = await new Promise((resolve) => {
    const started = serve({ fetch: recordingFetch, hostname: '127.0.0.1', port: 0 }, () =>
      resolve(started),
    )
  })
  const { port } = upstream.address() as AddressInfo
  server = await startServer({
    root: ROOT,
    env: { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'concurrency-test-secret-12345' },
    config: validateConfig(
      {
        endpoints: [
          {
            id: 'chat',
            dify: { apiBase: `http://127.0.0.1:${port}/v1`, apiKey: 'app-chat' },
            // One loopback client opens every stream: lift the per-IP budget.
            rateLimit: { perIpPerMinute: 100_000, streamsPerIp: 10_000 },
          },
        ],
      },
      { source: 'test', themeIds: ['minimal'] },
    ),
    pageTemplate: '<!doctype html><html><head><!--chatskins:head--></head><body></body></html>',
    log: () => {},
  })
})
afterAll(async () => {
  await server.close(0)
  if ('closeAllConnections' in upstream) upstream.closeAllConnections()
  await new Promise((resolve) => upstream.close(resolve))
})

/** The `data:` records of an SSE text, parsed; comments and pings are not events. */
function eventsOf(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n\n')
    .map((record) => record.split('\n').find((line) => line.startsWith('data:')))
    .filter((line): line is string => line !== undefined)
    .map((line) => JSON.parse(line.slice(5)) as Record<string, unknown>)
}

describe(`${STREAMS} concurrent streams through one process`, () => {
  it('relays every event of every stream in order, unchanged, with bounded memory', async () => {
    const before = process.memoryUsage()
    let peakRss = before.rss
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }, 20)
    // Every stream reads its first event, then waits until all of them have: 500 open at once.
    let opened = 0
    let allOpen!: () => void
    const barrier = new Promise<void>((resolve) => (allOpen = resolve))
    const started = performance.now()
    const received = await Promise.all(
      Array.from({ length: STREAMS }, async (_, n) => {
        const response = await fetch(`${server.url}/chat/talk`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ query: `[[echo]][[slow=20]] ${ANSWER(n)}` }),
        })
        expect(response.status).toBe(200)
        const reader = response.body!.getReader()
        const decoder = new TextDecoder()
        let text = ''
        for (let first = true; ; first = false) {
          const { done, value } = await reader.read()
          if (done) break
          text += decoder.decode(value, { stream: true })
          if (first && ++opened === STREAMS) allOpen()
          if (first) await barrier
        }
        return { n, text }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    expect(opened).toBe(STREAMS)
    await expect.poll(() => sent.size).toBe(STREAMS)

    for (const { n, text } of received) {
      const events = eventsOf(text)
      const conversation = events[0]?.conversation_id as string
      const upstreamEvents = eventsOf(sent.get(conversation)!)
      expect(events.map((event) => event.event)).toEqual(upstreamEvents.map((event) => event.event))
      // Each relayed event carries exactly what Dify sent for the fields a browser gets.
      events.forEach((event, index) => {
        const original = upstreamEvents[index]!
        for (const [field, value] of Object.entries(event)) {
          if (field !== 'metadata') expect(value).toEqual(original[field])
        }
      })
      const answer = events.map((event) => event.answer ?? '').join('')
      expect(answer).toBe(ANSWER(n))
      expect(events.at(-1)?.event).toBe('message_end')
    }

    await new Promise((resolve) => setTimeout(resolve, 500))
    const after = process.memoryUsage()
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
    console.log(
      `${STREAMS} concurrent streams in ${seconds.toFixed(1)} s; RSS ${mb(before.rss)} → peak ` +
        `${mb(peakRss)} → ${mb(after.rss)} MB; heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB`,
    )
    // Generous: the test client, chatskins and the fake all live in this one process.
    expect(peakRss - before.rss).toBeLessThan(400 * 1024 * 1024)
    expect(after.heapUsed - before.heapUsed).toBeLessThan(150 * 1024 * 1024)
  }, 120_000)
})
