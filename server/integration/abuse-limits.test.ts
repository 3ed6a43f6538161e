import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readEvents, startTestStack, type TestStack } from './test-stack.ts'

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack.close())

async function expectRateLimited(response: Response) {
  expect(response.status).toBe(429)
  const retryAfter = Number(response.headers.get('retry-after'))
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true)
  expect(await response.json()).toMatchObject({ code: 'rate_limited', status: 429 })
}

/** `GET suggested`: an LLM call at Dify, so rate-limited; the answer itself doesn't matter here. */
const suggested = (visitor: string, headers: Record<string, string> = {}) =>
  stack.visit(visitor, '/limited/api/messages/0b7d1f5e-1c2a-4e3b-9d4c-5f6a7b8c9d0e/suggested', {
    headers,
  })

describe('rate limits (endpoint `limited`: 2 a minute per visitor, 3 per IP, per route)', () => {
  it('refuses a visitor past their budget with 429 and Retry-After, then a fresh cookie from the same IP', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await stack.talk('rita', { query: '[[echo]] hi' }, {}, 'limited')
      expect(response.status).toBe(200)
      await response.text()
    }
    await expectRateLimited(await stack.talk('rita', { query: '[[echo]] again' }, {}, 'limited'))
    // Dropping the cookie makes a new visitor, but the IP's budget (3) is spent too.
    await expectRateLimited(await stack.talk('rita-new-cookie', { query: 'hi' }, {}, 'limited'))
    // Other endpoints and other routes count apart.
    expect((await stack.talk('rita', { query: '[[echo]] hi' })).status).toBe(200)
  })

  it('limits uploads and audio too', async () => {
    const upload = () => {
      const body = new FormData()
      body.append('file', new Blob(['x'], { type: 'text/plain' }), 'a.txt')
      return stack.visit('uma', '/limited/api/files/upload', { method: 'POST', body })
    }
    const speak = () =>
      stack.visit('uma', '/limited/api/text-to-audio', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"text":"hi"}',
      })
    for (const route of [upload, speak]) {
      for (let i = 0; i < 2; i++) expect((await route()).status).not.toBe(429)
      await expectRateLimited(await route())
    }
  })

  it('ignores X-Forwarded-For unless TRUST_PROXY says a proxy sets it', async () => {
    for (let i = 0; i < 3; i++) {
      expect(
        (await suggested(`xff-${i}`, { 'X-Forwarded-For': `198.51.100.${i}` })).status,
      ).not.toBe(429)
    }
    await expectRateLimited(await suggested('xff-3', { 'X-Forwarded-For': '198.51.100.3' }))
  })

  it('with TRUST_PROXY=1, counts each client by the address the proxy saw', async () => {
    const proxied = await startTestStack(undefined, {}, { env: { TRUST_PROXY: '1' } })
    try {
      const ask = (visitor: string, forwardedFor: string) =>
        proxied.visit(visitor, '/limited/api/messages/x/suggested', {
          headers: { 'X-Forwarded-For': forwardedFor },
        })
      for (let i = 0; i < 3; i++) expect((await ask(`a${i}`, '198.51.100.1')).status).not.toBe(429)
      await expectRateLimited(await ask('a3', '198.51.100.1'))
      // What the client itself put left of the proxy's entry is not believed.
      await expectRateLimited(await ask('a4', '203.0.113.5, 198.51.100.1'))
      expect((await ask('b0', '198.51.100.2')).status).not.toBe(429)
    } finally {
      await proxied.close()
    }
  })
})

describe('concurrent streams (3 per visitor by default)', () => {
  /** Starts a slow answer and waits for its first bytes, so its stream is surely open. */
  async function openStream(visitor: string) {
    const controller = new AbortController()
    const response = await stack.talk(
      visitor,
      { query: '[[slow=400]] a long and slow answer with many words in it' },
      { signal: controller.signal },
    )
    expect(response.status).toBe(200)
    const reader = response.body!.getReader()
    await reader.read()
    return { controller, reader }
  }

  async function eventually(check: () => Promise<boolean>) {
    const deadline = Date.now() + 3000
    while (Date.now() < deadline) {
      if (await check()) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('condition not met within 3 s')
  }

  it('refuses a 4th stream with 429 too_many_streams, and frees the slot when the browser leaves', async () => {
    await stack.visit('sam', '/chat/')
    const open = await Promise.all([openStream('sam'), openStream('sam'), openStream('sam')])
    const fourth = await stack.talk('sam', { query: '[[echo]] one more' })
    expect(fourth.status).toBe(429)
    expect(await fourth.json()).toMatchObject({ code: 'too_many_streams', status: 429 })
    // Another visitor is not affected.
    expect(
      (await readEvents(await stack.talk('tom', { query: '[[echo]] hi' }))).length,
    ).toBeGreaterThan(0)

    open[0]!.controller.abort()
    await eventually(async () => {
      const response = await stack.talk('sam', { query: '[[echo]] now' })
      await response.text()
      return response.status === 200
    })
    for (const { controller } of open.slice(1)) controller.abort()
  })

  it('frees the slot when a stream ends normally, and when Dify refuses before streaming', async () => {
    for (let i = 0; i < 5; i++) {
      const events = await readEvents(await stack.talk('ula', { query: '[[echo]] done' }))
      expect(events.at(-1)).toMatchObject({ event: 'message_end' })
      const refused = await stack.talk('ula', { query: '[[http=500]] fails' })
      expect(refused.status).toBe(500)
      await refused.text()
    }
    const three = await Promise.all([openStream('ula'), openStream('ula'), openStream('ula')])
    for (const { controller } of three) controller.abort()
  })
})
