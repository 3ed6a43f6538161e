import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerOf, readEvents, SECRET_KEY, startTestStack, type TestStack } from './test-stack.ts'

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack.close())

describe('POST /:id/talk over real HTTP', () => {
  it('relays a streamed answer and continues the conversation on the next turn', async () => {
    await stack.visit('ann', '/chat/')
    const first = await stack.talk('ann', { query: 'hello' })
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(first.headers.get('cache-control')).toContain('no-cache')
    expect(first.headers.get('x-accel-buffering')).toBe('no')
    const events = await readEvents(first)
    expect(events.at(-1)?.event).toBe('message_end')
    expect(answerOf(events)).toContain('chatskins demo bot')
    const conversationId = events[0]?.conversation_id as string

    const second = await readEvents(
      await stack.talk('ann', { query: 'more', conversation_id: conversationId }),
    )
    expect(second[0]?.conversation_id).toBe(conversationId)
    expect(answerOf(second)).toContain('turn **2**')
  })

  it('sends each event as it arrives, before the upstream has finished', async () => {
    const response = await stack.talk('ben', { query: '[[slow=40]] hello' })
    const reader = response.body!.getReader()
    const { value } = await reader.read()
    expect(new TextDecoder().decode(value)).toMatch(/^data: \{"event":"message"/)
    expect(stack.upstream.fake.activeTasks()).toBeGreaterThan(0)
    await reader.cancel()
  })

  it('aborts the upstream and calls Dify stop when the browser goes away', async () => {
    const controller = new AbortController()
    const response = await stack.talk(
      'cat',
      { query: '[[slow=30]] long story' },
      { signal: controller.signal },
    )
    const reader = response.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    const firstEvent = JSON.parse(first.split('\n\n')[0]!.slice(6))
    const conversationId = firstEvent.conversation_id as string
    controller.abort()
    await expect.poll(() => stack.upstream.fake.activeTasks(), { timeout: 3000 }).toBe(0)
    await expect
      .poll(() => stack.upstream.fake.stops)
      .toContainEqual({ taskId: firstEvent.task_id, user: stack.difyUserOf('cat') })
    const conversation = stack.upstream.fake.store.findConversation(
      conversationId,
      stack.difyUserOf('cat'),
    )
    const answer = conversation?.messages[0]?.answer ?? ''
    expect(answer.length).toBeGreaterThan(0)
    expect(answer.length).toBeLessThan(300)
  })

  it('answers a forgotten conversation with conversation_not_found', async () => {
    const response = await stack.talk('dan', {
      query: 'hi',
      conversation_id: '0b7d1f5e-1c2a-4e3b-9d4c-5f6a7b8c9d0e',
    })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      code: 'conversation_not_found',
      message: 'Conversation Not Exists.',
      status: 404,
    })
  })

  it("never lets one visitor continue another visitor's conversation", async () => {
    const events = await readEvents(await stack.talk('eve', { query: 'mine' }))
    const conversationId = events[0]?.conversation_id
    const stolen = await stack.talk('fay', { query: 'let me in', conversation_id: conversationId })
    expect(stolen.status).toBe(404)
  })

  it('relays Dify HTTP errors with their status and envelope', async () => {
    const response = await stack.talk('gus', { query: '[[http=429]] hi' })
    expect(response.status).toBe(429)
    expect(await response.json()).toMatchObject({ code: 'too_many_requests', status: 429 })
    const quota = await stack.talk('gus', { query: '[[http=400]] hi' })
    expect(quota.status).toBe(400)
    expect(await quota.json()).toMatchObject({ code: 'provider_quota_exceeded', status: 400 })
  })

  it('turns an HTML error page from a proxy into a JSON error', async () => {
    const response = await stack.talk('hal', { query: '[[html=502]] hi' })
    expect(response.status).toBe(502)
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(await response.json()).toMatchObject({ code: 'upstream_unavailable', status: 502 })
  })

  it('answers 502 when Dify cannot be reached', async () => {
    const response = await stack.visit('ivy', '/down/talk', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'hi' }),
    })
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ code: 'upstream_unreachable' })
  })

  it('ends with an error event when Dify reports one mid-stream', async () => {
    const events = await readEvents(await stack.talk('jon', { query: '[[error-event=500]] hi' }))
    expect(answerOf(events).length).toBeGreaterThan(0)
    expect(events.at(-1)).toMatchObject({
      event: 'error',
      status: 500,
      code: 'internal_server_error',
    })
  })

  it('ends with upstream_broken when the connection to Dify resets mid-answer', async () => {
    const events = await readEvents(await stack.talk('kim', { query: '[[reset]] hi' }))
    expect(answerOf(events).length).toBeGreaterThan(0)
    expect(events.at(-1)).toMatchObject({ event: 'error', code: 'upstream_broken' })
  })

  it('relays a Chatflow run with trimmed step events, in either end order', async () => {
    for (const order of ['', '[[end-first]] ']) {
      const response = await stack.visit('lea', '/flow/talk', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: `${order}hello` }),
      })
      const events = await readEvents(response)
      const tail = events.slice(-2).map((event) => event.event)
      expect(tail).toEqual(
        order ? ['message_end', 'workflow_finished'] : ['workflow_finished', 'message_end'],
      )
      const node = events.find((event) => event.event === 'node_finished')!
      expect(node.data).not.toHaveProperty('inputs')
      expect(node.data).not.toHaveProperty('outputs')
      expect(node.data).toMatchObject({ status: 'succeeded', title: 'Start' })
    }
  })
})

describe('bad requests get a 4xx JSON error', () => {
  const cases: Array<[string, RequestInit, number, string]> = [
    [
      'a form post',
      { body: 'query=hi', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    ],
    [
      'broken JSON',
      { body: '{"query":', headers: { 'Content-Type': 'application/json' } },
      400,
      'invalid_json',
    ],
    [
      'an empty query',
      { body: '{"query":"   "}', headers: { 'Content-Type': 'application/json' } },
      400,
      'invalid_query',
    ],
    [
      'a huge body',
      {
        body: JSON.stringify({ query: 'x'.repeat(200_000) }),
        headers: { 'Content-Type': 'application/json' },
      },
      413,
      'payload_too_large',
    ],
    [
      'a long query',
      {
        body: JSON.stringify({ query: 'x'.repeat(9000) }),
        headers: { 'Content-Type': 'application/json' },
      },
      400,
      'query_too_long',
    ],
    [
      'a bad conversation id',
      {
        body: '{"query":"hi","conversation_id":"1 OR 1=1"}',
        headers: { 'Content-Type': 'application/json' },
      },
      400,
      'invalid_conversation_id',
    ],
    [
      'an array as inputs',
      { body: '{"query":"hi","inputs":[]}', headers: { 'Content-Type': 'application/json' } },
      400,
      'invalid_inputs',
    ],
  ]
  for (const [name, init, status, code] of cases) {
    it(`${name} → ${status} ${code}`, async () => {
      const response = await stack.visit('mo', '/chat/talk', { method: 'POST', ...init })
      expect(response.status).toBe(status)
      expect(await response.json()).toMatchObject({ code, status })
    })
  }

  it('an unknown endpoint → 404 JSON', async () => {
    const response = await stack.visit('mo', '/nope/talk', { method: 'POST' })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ code: 'endpoint_not_found' })
  })
})

describe('the Dify key stays on the server', () => {
  it('appears in no response body or header', async () => {
    const responses = await Promise.all([
      stack.visit('ned', '/'),
      stack.visit('ned', '/chat/'),
      stack.visit('ned', '/chat/api/parameters'),
      stack.talk('ned', { query: 'hello' }),
      stack.talk('ned', { query: '[[http=401]] hello' }),
      stack.talk('ned', { query: '' }),
    ])
    for (const response of responses) {
      const everything = JSON.stringify([...response.headers]) + (await response.text())
      expect(everything).not.toContain(SECRET_KEY)
    }
  })
})
