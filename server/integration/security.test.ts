import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readEvents, startTestStack, type TestStack } from './test-stack.ts'

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack.close())

const json = { 'Content-Type': 'application/json' }
const UNKNOWN = '0b7d1f5e-1c2a-4e3b-9d4c-5f6a7b8c9d0e'

describe('response headers', () => {
  it("frames only where the endpoint allows it: 'self' by default, its own list when set", async () => {
    const frameAncestors = async (path: string, init?: RequestInit) => {
      const response = await stack.visit('hal', path, init)
      await response.body?.cancel()
      return /frame-ancestors ([^;]*)/.exec(
        response.headers.get('content-security-policy') ?? '',
      )?.[1]
    }
    expect(await frameAncestors('/chat/')).toBe("'self'")
    expect(await frameAncestors('/')).toBe("'self'")
    expect(await frameAncestors('/healthz')).toBe("'self'")
    expect(await frameAncestors('/limited/')).toBe("'self' https://shop.example.com")
    expect(await frameAncestors('/limited/api/parameters')).toBe("'self' https://shop.example.com")
    // Errors from the endpoint's routes carry the same policy.
    expect(
      await frameAncestors('/limited/talk', { method: 'POST', headers: json, body: '{' }),
    ).toBe("'self' https://shop.example.com")
  })

  it('names no framework or server software on any response', async () => {
    const responses = await Promise.all([
      stack.visit('hal', '/'),
      stack.visit('hal', '/healthz'),
      stack.visit('hal', '/chat/'),
      stack.visit('hal', '/chat'),
      stack.visit('hal', '/chat/api/parameters'),
      stack.visit('hal', '/nope/'),
      stack.visit('hal', '/assets/nothing.js'),
      stack.talk('hal', { query: '[[echo]] hi' }),
      stack.talk('hal', { query: '[[http=500]] hi' }),
    ])
    for (const response of responses) {
      await response.body?.cancel()
      expect(response.headers.get('x-powered-by')).toBeNull()
      expect(response.headers.get('server')).toBeNull()
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })
})

interface Victim {
  conversationId: string
  messageId: string
}

/** Every state-changing route, aimed at the victim's real conversation where it takes one. */
const STATE_CHANGES: Array<[string, (v: Victim) => string, () => RequestInit]> = [
  ['POST', () => '/chat/talk', () => ({ headers: json, body: '{"query":"[[echo]] forged"}' })],
  ['POST', () => `/chat/api/chat-messages/${UNKNOWN}/stop`, () => ({ headers: json, body: '{}' })],
  [
    'POST',
    (v) => `/chat/api/conversations/${v.conversationId}/name`,
    () => ({ headers: json, body: '{"name":"pwned"}' }),
  ],
  ['DELETE', (v) => `/chat/api/conversations/${v.conversationId}`, () => ({})],
  [
    'POST',
    (v) => `/chat/api/messages/${v.messageId}/feedbacks`,
    () => ({ headers: json, body: '{"rating":"dislike"}' }),
  ],
  ['POST', () => '/full/api/files/upload', () => ({ body: new FormData() })],
  ['POST', () => '/full/api/audio-to-text', () => ({ body: new FormData() })],
  ['POST', () => '/full/api/text-to-audio', () => ({ headers: json, body: '{"text":"hi"}' })],
]

const CROSS_SITE: Array<Record<string, string>> = [
  { Origin: 'https://evil.example' },
  { Origin: 'null' },
  { 'Sec-Fetch-Site': 'cross-site' },
  { 'Sec-Fetch-Site': 'same-site' },
]

describe('CSRF: state changes only from the page itself', () => {
  let victim: Victim
  beforeAll(async () => {
    await stack.visit('victim', '/full/')
    const events = await readEvents(await stack.talk('victim', { query: '[[echo]] mine' }))
    const end = events.find((event) => event.event === 'message_end')!
    victim = { conversationId: end.conversation_id as string, messageId: end.id as string }
  })

  it.each(
    STATE_CHANGES.map(
      ([method, path, init]) =>
        [method, path({ conversationId: ':cid', messageId: ':mid' }), path, init] as const,
    ),
  )(
    '%s %s from another site → 403 JSON, with the visitor cookie attached',
    async (method, _name, path, init) => {
      for (const headers of CROSS_SITE) {
        const request = init()
        const response = await stack.visit('victim', path(victim), {
          method,
          ...request,
          headers: { ...(request.headers as Record<string, string>), ...headers },
        })
        expect(response.status).toBe(403)
        expect(response.headers.get('content-type')).toMatch(/^application\/json/)
        expect(await response.json()).toMatchObject({ code: 'cross_origin_request', status: 403 })
      }
    },
  )

  it("left the victim's conversation as it was: one, not renamed, not deleted, not rated", async () => {
    const list = await (await stack.api('victim', 'chat', 'GET', 'conversations')).json()
    expect(list.data).toHaveLength(1)
    expect(list.data[0]).toMatchObject({ id: victim.conversationId, name: 'mine' })
    const messages = await (
      await stack.api('victim', 'chat', 'GET', `messages?conversation_id=${victim.conversationId}`)
    ).json()
    expect(messages.data).toHaveLength(1)
    expect(messages.data[0].feedback).toBeNull()
  })

  it("accepts the page's own Origin and Sec-Fetch-Site: same-origin", async () => {
    const send = (headers: Record<string, string>) =>
      stack.talk('cat', { query: '[[echo]] from the page' }, { headers: { ...json, ...headers } })
    const sameOrigin: Array<Record<string, string>> = [
      { Origin: stack.server.url },
      { Origin: stack.server.url, 'Sec-Fetch-Site': 'same-origin' },
      { 'Sec-Fetch-Site': 'same-origin' },
    ]
    for (const headers of sameOrigin) {
      const response = await send(headers)
      expect(response.status).toBe(200)
      expect((await readEvents(response)).some((event) => event.event === 'message_end')).toBe(true)
    }
  })

  it('lets reads through from anywhere (they change nothing)', async () => {
    const response = await stack.visit('cat', '/chat/api/parameters', {
      headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    })
    expect(response.status).toBe(200)
  })
})
