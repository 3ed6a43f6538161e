import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../app.ts'
import { answerOf, readEvents, startTestStack, type TestStack } from './test-stack.ts'

// startServer answers real-Dify endpoints on the Node fast path (node:http to Dify, events written
// into the ServerResponse): these are the guarantees that fast path has to keep on its own.
let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack({
    relay: { ...DEFAULT_LIMITS.relay, idleTimeoutMs: 400, keepAliveMs: 60 },
  })
})
afterAll(() => stack.close())

describe('/talk on the Node fast path', () => {
  it("gives a new visitor's stream the cookie and the security headers of every response", async () => {
    const response = await stack.talk('nia', { query: 'hello' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('set-cookie')).toMatch(/^chatskins_visitor=.+HttpOnly/)
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await readEvents(response)).at(-1)?.event).toBe('message_end')

    const next = await stack.talk('nia', { query: 'again' })
    expect(next.headers.get('set-cookie')).toBeNull()
    await next.body?.cancel()
  })

  it('reads Dify split in 1–5 byte pieces, in json.dumps framing, or with garbage mixed in', async () => {
    const query = '[[echo]] 안녕 😀 "quoted"'
    const plain = answerOf(await readEvents(await stack.talk('oli', { query })))
    expect(plain).toBe('안녕 😀 "quoted"')
    for (const odd of ['[[split]] [[classic]] [[ping-first]]', '[[garbage]]']) {
      const events = await readEvents(await stack.talk('oli', { query: `${odd} ${query}` }))
      expect(answerOf(events)).toBe(plain)
      expect(events.map((event) => event.event)).not.toContain('error')
    }
  })

  it('keeps a stalled stream alive with comments, then ends it with upstream_timeout', async () => {
    const response = await stack.talk('pam', { query: '[[stall]] hi' })
    const text = await response.text()
    expect(text).toContain(': keep-alive\n\n')
    const events = await readEvents(new Response(text))
    expect(answerOf(events).length).toBeGreaterThan(0)
    expect(events.at(-1)).toMatchObject({ event: 'error', code: 'upstream_timeout', status: 504 })
    await expect.poll(() => stack.upstream.fake.activeTasks(), { timeout: 3000 }).toBe(0)
  })

  it('answers 504 upstream_timeout when Dify sends no answer at all in time', async () => {
    const response = await stack.talk('quin', { query: '[[first-byte=1500]] [[http=429]] hi' })
    expect(response.status).toBe(504)
    expect(await response.json()).toMatchObject({ code: 'upstream_timeout', status: 504 })
  })
})
