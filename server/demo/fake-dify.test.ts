import { describe, expect, it } from 'vitest'
import { demoAnswer } from './demo-answers.ts'
import { NIL_UUID } from './fake-store.ts'
import {
  ALICE,
  answerOf,
  BOB,
  envelope,
  eventReader,
  fakeDify,
  types,
  type Json,
} from './fake-test-client.ts'

describe('fake Dify: authentication (docs/dify-wire.md#error-codes)', () => {
  const { call } = fakeDify()

  // The route is registered as '/' under basePath('/v1') on a strict router, so it only matches
  // "/v1"; "/v1/" (the path docs/dify-wire.md#conventions documents) falls to the auth middleware: 401, then 404.
  it('answers GET /v1/ without a key, like a health check', async () => {
    const response = await call('GET', '/', { authorization: null })
    expect(await response.json()).toMatchObject({ welcome: 'Dify OpenAPI', api_version: 'v1' })
  })

  it.each([
    [null, "Authorization header must be provided and start with 'Bearer'"],
    ['Bearer', "Authorization header must be provided and start with 'Bearer'"],
    ['Bearer ', "Authorization header must be provided and start with 'Bearer'"],
    ['Basic app-chat', "Authorization scheme must be 'Bearer'"],
    ['Bearer app-unknown', 'Access token is invalid'],
  ])('answers the Authorization header %j with 401 "%s"', async (authorization, message) => {
    const response = await call('GET', '/parameters', { authorization })
    expect(response.status).toBe(401)
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="api"')
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual({ code: 'unauthorized', message, status: 401 })
  })

  it('accepts the scheme in any case and picks the app by key', async () => {
    const response = await call('GET', '/info', { authorization: 'bearer app-agent' })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ mode: 'agent-chat' })
    expect(await (await call('GET', '/info', { key: 'app-chatflow' })).json()).toMatchObject({
      mode: 'advanced-chat',
    })
  })
})

describe('fake Dify: a streaming chat turn (docs/dify-wire.md#stream-framing to #ordering)', () => {
  it('streams data records with one envelope and ends with message_end', async () => {
    const { turn } = fakeDify()
    const { raw, events, response } = await turn('Hello!')
    expect(response.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8')
    expect(raw).toMatch(/^data: \{/)
    expect(raw.split('\n\n').every((record) => record === '' || record.startsWith('data: '))).toBe(
      true,
    )

    const first = events[0] ?? {}
    expect(first.conversation_id).toMatch(/^[0-9a-f-]{36}$/)
    for (const event of events) {
      expect(event.conversation_id).toBe(first.conversation_id)
      expect(event.message_id).toBe(first.message_id)
      expect(event.created_at).toBe(first.created_at)
      expect(event.task_id).toBe(first.task_id)
      expect(event.id).toBe(first.message_id)
    }
    expect(typeof first.task_id).toBe('string')
    expect(
      types(events)
        .slice(0, -1)
        .every((type) => type === 'message'),
    ).toBe(true)
    expect(events.at(-1)).toMatchObject({ event: 'message_end', files: null })
    expect(events.at(-1)?.metadata.usage.total_tokens).toBeGreaterThan(0)
    expect(answerOf(events)).toBe(demoAnswer('Hello!', 1))
  })

  it('continues a conversation by conversation_id and remembers both turns', async () => {
    const { turn, call } = fakeDify()
    const first = await turn('[[echo]] first question')
    const conversation_id = first.events[0]?.conversation_id as string
    const second = await turn('[[echo]] second question', ALICE, { conversation_id })
    expect(second.events[0]?.conversation_id).toBe(conversation_id)
    expect(second.events[0]?.message_id).not.toBe(first.events[0]?.message_id)
    expect(answerOf(second.events)).toBe('second question')

    const history = await call('GET', '/messages', { query: { conversation_id, user: ALICE } })
    const messages = ((await history.json()) as Json).data as Json[]
    expect(messages.map((m) => [m.query, m.answer])).toEqual([
      ['first question', 'first question'],
      ['second question', 'second question'],
    ])
    expect(messages[0]).toMatchObject({
      parent_message_id: NIL_UUID,
      feedback: null,
      status: 'normal',
    })
  })

  it("answers 404 Conversation Not Exists. for an unknown or another user's conversation", async () => {
    const { turn, send } = fakeDify()
    const alices = (await turn('[[echo]] mine')).events[0]?.conversation_id as string
    for (const [conversation_id, user] of [
      [crypto.randomUUID(), ALICE],
      [alices, BOB],
    ]) {
      expect(await envelope(await send('hi', user, { conversation_id }))).toEqual({
        status: 404,
        body: { code: 'not_found', message: 'Conversation Not Exists.', status: 404 },
      })
    }
  })

  it.each([
    [{ user: '' }, 400, 'invalid_param', 'Arg user must be provided.'],
    [{ query: '   ' }, 400, 'invalid_param', 'query is required'],
    [
      { conversation_id: 'not-a-uuid' },
      400,
      'invalid_param',
      expect.stringContaining('valid UUID'),
    ],
    [{ inputs: null }, 400, 'invalid_param', expect.stringContaining('inputs')],
  ])('rejects %j before streaming', async (fields, status, code, message) => {
    const { call } = fakeDify()
    const json = { query: 'hi', user: ALICE, inputs: {}, response_mode: 'streaming', ...fields }
    expect(await envelope(await call('POST', '/chat-messages', { json }))).toEqual({
      status,
      body: { code, message, status },
    })
  })

  it('answers blocking mode with one JSON message, and refuses it for agents', async () => {
    const { call } = fakeDify()
    const json = { query: '[[echo]] quick', user: ALICE, inputs: {} }
    const response = await call('POST', '/chat-messages', { json })
    const body = (await response.json()) as Json
    expect(body).toMatchObject({ event: 'message', mode: 'chat', answer: 'quick' })
    expect(body.id).toBe(body.message_id)
    const agent = await call('POST', '/chat-messages', { json, key: 'app-agent' })
    expect(await envelope(agent)).toMatchObject({ status: 400, body: { code: 'invalid_param' } })
  })
})

describe('fake Dify: stop (docs/dify-wire.md#stop)', () => {
  it("ends the stream early with message_end when the turn's own user stops it", async () => {
    const { dify, send, call } = fakeDify({ tokenDelayMs: 2 })
    const response = await send('[[long=2000]]')
    const reader = eventReader(response.body!)
    const first = (await reader.next()) ?? {}
    const stop = await call('POST', `/chat-messages/${first.task_id}/stop`, {
      json: { user: ALICE },
    })
    expect(await stop.json()).toEqual({ result: 'success' })

    const events = [first, ...(await reader.rest())]
    expect(events.at(-1)?.event).toBe('message_end')
    const partial = answerOf(events)
    expect(partial.length).toBeGreaterThan(0)
    expect(partial.length).toBeLessThan(2000)
    expect(dify.activeTasks()).toBe(0)

    const history = await call('GET', '/messages', {
      query: { conversation_id: first.conversation_id, user: ALICE },
    })
    expect(((await history.json()) as Json).data[0].answer).toBe(partial)
  })

  it('ends a stopped Chatflow with workflow_finished "stopped", then message_end', async () => {
    const { send, call } = fakeDify({ tokenDelayMs: 2 })
    const reader = eventReader((await send('[[long=2000]]', ALICE, {}, 'app-chatflow')).body!)
    let event = await reader.next()
    while (event && event.event !== 'message') event = await reader.next()
    await call('POST', `/chat-messages/${event?.task_id}/stop`, {
      key: 'app-chatflow',
      json: { user: ALICE },
    })
    const tail = (await reader.rest()).filter((e) => e.event !== 'message')
    expect(tail.map((e) => [e.event, e.data?.status])).toEqual([
      ['workflow_finished', 'stopped'],
      ['message_end', undefined],
    ])
  })

  it('has no effect when another user stops the task, yet still answers success', async () => {
    const query = '[[echo]] a message long enough to stream over several dozen small tokens'
    const { send, call } = fakeDify({ tokenDelayMs: 1 })
    const reader = eventReader((await send(query)).body!)
    const first = (await reader.next()) ?? {}
    const stop = await call('POST', `/chat-messages/${first.task_id}/stop`, { json: { user: BOB } })
    expect(stop.status).toBe(200)
    expect(await stop.json()).toEqual({ result: 'success' })
    const events = [first, ...(await reader.rest())]
    expect(answerOf(events)).toBe(query.replace('[[echo]] ', ''))
  })

  it('answers success for an unknown task, and 400 without a user', async () => {
    const { call } = fakeDify()
    const unknown = await call('POST', `/chat-messages/${crypto.randomUUID()}/stop`, {
      json: { user: ALICE },
    })
    expect(await unknown.json()).toEqual({ result: 'success' })
    const noUser = await call('POST', `/chat-messages/${crypto.randomUUID()}/stop`, { json: {} })
    expect(await envelope(noUser)).toMatchObject({ status: 400, body: { code: 'invalid_param' } })
  })
})

describe('fake Dify: fault directives', () => {
  it('[[error-event=500]] ends with an error event without task_id, and no message_end', async () => {
    const { turn, call } = fakeDify()
    const { events } = await turn('[[error-event=500]] [[long=200]]')
    const last = events.at(-1) ?? {}
    expect(last).toEqual({
      event: 'error',
      conversation_id: events[0]?.conversation_id,
      message_id: events[0]?.message_id,
      created_at: events[0]?.created_at,
      code: 'internal_server_error',
      status: 500,
      message: 'Internal Server Error, please contact support.',
    })
    expect(answerOf(events).length).toBeGreaterThan(0)
    expect(types(events)).not.toContain('message_end')

    const history = await call('GET', '/messages', {
      query: { conversation_id: last.conversation_id, user: ALICE },
    })
    expect(((await history.json()) as Json).data[0]).toMatchObject({ status: 'error' })
  })

  it('[[error-event=400]] sends a completion_request_error', async () => {
    const { events } = await fakeDify().turn('[[error-event=400]] [[long=100]]')
    expect(events.at(-1)).toMatchObject({
      event: 'error',
      code: 'completion_request_error',
      status: 400,
    })
  })

  it('[[http=429]] answers with the rate-limit envelope', async () => {
    expect(await envelope(await fakeDify().send('[[http=429]] hi'))).toEqual({
      status: 429,
      body: {
        code: 'too_many_requests',
        message: expect.stringMatching(/^Too many requests\. Please try again later\./),
        status: 429,
      },
    })
  })

  it('[[html=502]] answers with an HTML page, as a proxy in front of Dify would', async () => {
    const response = await fakeDify().send('[[html=502]] hi')
    expect(response.status).toBe(502)
    expect(response.headers.get('Content-Type')).toBe('text/html')
    const text = await response.text()
    expect(text).toMatch(/^<html>/)
    expect(() => JSON.parse(text) as unknown).toThrow()
  })

  it('[[classic]] writes json.dumps framing that still parses to the same answer', async () => {
    const { raw, events } = await fakeDify().turn('[[classic]] [[echo]] 안녕 😀')
    expect(raw).toContain('"answer": "\\uc548')
    expect(raw).not.toMatch(/[^\x00-\x7f]/)
    expect(answerOf(events)).toBe('안녕 😀')
  })

  it('[[ping-first]] starts with a bare event: ping record', async () => {
    const { raw } = await fakeDify().turn('[[ping-first]] [[echo]] hi')
    expect(raw.startsWith('event: ping\n\ndata: ')).toBe(true)
  })
})

describe('fake Dify: Chatflow and Agent apps', () => {
  it('a Chatflow ends with workflow_finished, then message_end', async () => {
    const { events } = await fakeDify().turn('[[echo]] flow', ALICE, {}, 'app-chatflow')
    const steps = types(events).filter((type) => type !== 'message')
    expect(steps).toEqual([
      'workflow_started',
      'node_started',
      'node_finished',
      'node_started',
      'node_finished',
      'node_started',
      'node_finished',
      'workflow_finished',
      'message_end',
    ])
    expect(events.at(-2)?.data).toMatchObject({ status: 'succeeded' })
    expect(answerOf(events)).toBe('flow')
  })

  it('[[end-first]] makes a Chatflow send message_end before workflow_finished', async () => {
    const { events } = await fakeDify().turn(
      '[[end-first]] [[echo]] flow',
      ALICE,
      {},
      'app-chatflow',
    )
    expect(types(events).slice(-2)).toEqual(['message_end', 'workflow_finished'])
  })

  it('an Agent re-emits each agent_thought by id with growing fields, and agent_message deltas', async () => {
    const { turn, call } = fakeDify()
    const { events } = await turn('[[echo]] find facts', ALICE, {}, 'app-agent')
    expect(types(events)).not.toContain('message')
    expect(answerOf(events)).toBe('find facts')
    const thoughts = events.filter((event) => event.event === 'agent_thought')
    expect(thoughts.map((t) => t.position)).toEqual([1, 1, 1, 2, 2])
    const [first, second] = [...new Set(thoughts.map((t) => t.id))]
    expect([first, second].every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true)
    const stepOne = thoughts.filter((t) => t.id === first)
    expect(stepOne[0]).toMatchObject({ thought: '', tool: '', observation: '' })
    expect(stepOne[1]).toMatchObject({ thought: 'Let me draw that.', tool: 'demo_chart' })
    expect(stepOne[2]).toMatchObject({
      thought: 'Let me draw that.',
      tool: 'demo_chart',
      tool_labels: { demo_chart: { en_US: 'Demo chart' } },
      observation: expect.stringContaining('chart'),
    })
    const file = events.find((event) => event.event === 'message_file')!
    expect(file).toMatchObject({ type: 'image', belongs_to: 'assistant' })
    expect(file.url).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(stepOne[2]?.message_files).toEqual([file.id])
    expect(thoughts.at(-1)).toMatchObject({ id: second, position: 2, thought: 'find facts' })
    expect(types(events).at(-1)).toBe('message_end')

    const history = await call('GET', '/messages', {
      query: { conversation_id: events[0]?.conversation_id, user: ALICE },
    })
    const [message] = ((await history.json()) as Json).data as Json[]
    expect(message?.agent_thoughts).toEqual([
      expect.objectContaining({ id: first, position: 1, tool: 'demo_chart', files: [file.id] }),
      expect.objectContaining({ id: second, position: 2, thought: 'find facts', chain_id: null }),
    ])
    expect(message?.message_files).toEqual([
      expect.objectContaining({ id: file.id, belongs_to: 'assistant', type: 'image' }),
    ])
  })
})

describe('fake Dify: history (docs/dify-wire.md#messages to #suggested)', () => {
  async function conversationWith(queries: string[]) {
    const fake = fakeDify()
    let conversation_id = ''
    for (const query of queries) {
      const extra = conversation_id ? { conversation_id } : {}
      const { events } = await fake.turn(`[[echo]] ${query}`, ALICE, extra)
      conversation_id = events[0]?.conversation_id as string
    }
    return { ...fake, conversation_id }
  }

  it('/messages pages backwards with first_id, oldest first within a page', async () => {
    const { call, conversation_id } = await conversationWith(['q1', 'q2', 'q3', 'q4', 'q5'])
    const page = async (extra: Record<string, string> = {}) => {
      const response = await call('GET', '/messages', {
        query: { conversation_id, user: ALICE, limit: '2', ...extra },
      })
      return (await response.json()) as Json
    }
    const latest = await page()
    expect(latest).toMatchObject({ limit: 2, has_more: true })
    expect(latest.data.map((m: Json) => m.query)).toEqual(['q4', 'q5'])
    const older = await page({ first_id: latest.data[0].id })
    expect([older.has_more, older.data.map((m: Json) => m.query)]).toEqual([true, ['q2', 'q3']])
    const oldest = await page({ first_id: older.data[0].id })
    expect([oldest.has_more, oldest.data.map((m: Json) => m.query)]).toEqual([false, ['q1']])

    expect(
      await envelope(
        await call('GET', '/messages', {
          query: { conversation_id, user: ALICE, first_id: crypto.randomUUID() },
        }),
      ),
    ).toMatchObject({ status: 404, body: { message: 'First Message Not Exists.' } })
    expect(
      await envelope(
        await call('GET', '/messages', {
          query: { conversation_id, user: BOB },
        }),
      ),
    ).toMatchObject({ status: 404, body: { message: 'Conversation Not Exists.' } })
  })

  it("/conversations lists only the user's own, newest first, paged with last_id", async () => {
    const { turn, call } = fakeDify()
    for (const query of ['one', 'two', 'three']) await turn(`[[echo]] ${query}`)
    await turn('[[echo]] bob only', BOB)
    const list = async (extra: Record<string, string> = {}) =>
      (await (
        await call('GET', '/conversations', {
          query: { user: ALICE, limit: '2', ...extra },
        })
      ).json()) as Json

    const first = await list()
    expect(first.has_more).toBe(true)
    expect(first.data.map((c: Json) => c.name)).toEqual(['three', 'two'])
    expect(first.data[0]).not.toHaveProperty('user')
    const second = await list({ last_id: first.data[1].id })
    expect(second.has_more).toBe(false)
    expect(second.data.map((c: Json) => c.name)).toEqual(['one'])

    const unknown = await call('GET', '/conversations', {
      query: { user: ALICE, last_id: crypto.randomUUID() },
    })
    expect(await envelope(unknown)).toMatchObject({
      status: 404,
      body: { message: 'Last Conversation Not Exists.' },
    })
  })

  it('DELETE answers 204 with no body, then 404; never deletes for another user', async () => {
    const { call, conversation_id } = await conversationWith(['keep me'])
    const remove = (user: string) =>
      call('DELETE', `/conversations/${conversation_id}`, { json: { user } })

    expect(await envelope(await remove(BOB))).toMatchObject({ status: 404 })
    const deleted = await remove(ALICE)
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')
    expect(await envelope(await remove(ALICE))).toEqual({
      status: 404,
      body: { code: 'not_found', message: 'Conversation Not Exists.', status: 404 },
    })
    const noBody = await call('DELETE', `/conversations/${conversation_id}`)
    expect(await envelope(noBody)).toMatchObject({ status: 400, body: { code: 'bad_request' } })
  })

  it('feedbacks: like, then revoke with null; revoking nothing is a 400', async () => {
    const { call, conversation_id } = await conversationWith(['rate me'])
    const messages = async () =>
      (
        (await (
          await call('GET', '/messages', {
            query: { conversation_id, user: ALICE },
          })
        ).json()) as Json
      ).data as Json[]
    const [message] = await messages()
    const rate = (rating: unknown, user = ALICE) =>
      call('POST', `/messages/${message?.id}/feedbacks`, { json: { rating, user } })

    expect(await (await rate('like')).json()).toEqual({ result: 'success' })
    expect((await messages())[0]?.feedback).toEqual({ rating: 'like' })
    expect(await (await rate(null)).json()).toEqual({ result: 'success' })
    expect((await messages())[0]?.feedback).toBeNull()
    expect(await envelope(await rate(null))).toEqual({
      status: 400,
      body: {
        code: 'invalid_param',
        message: 'rating cannot be None when feedback not exists',
        status: 400,
      },
    })
    expect(await envelope(await rate('like', BOB))).toMatchObject({
      status: 404,
      body: { message: 'Message Not Exists.' },
    })
  })

  it('renames a conversation by name or from its first message', async () => {
    const { call, conversation_id } = await conversationWith(['What is chatskins?'])
    const rename = (json: Json) => call('POST', `/conversations/${conversation_id}/name`, { json })
    expect(await (await rename({ name: 'My chat', user: ALICE })).json()).toMatchObject({
      id: conversation_id,
      name: 'My chat',
    })
    expect(await (await rename({ auto_generate: true, user: ALICE })).json()).toMatchObject({
      name: 'What is chatskins?',
    })
    expect(await envelope(await rename({ name: 'x', user: BOB }))).toMatchObject({ status: 404 })
  })

  it('suggests follow-up questions for the user’s own message', async () => {
    const { call, conversation_id } = await conversationWith(['hi'])
    const history = await call('GET', '/messages', { query: { conversation_id, user: ALICE } })
    const id = ((await history.json()) as Json).data[0].id as string
    const suggested = await call('GET', `/messages/${id}/suggested`, { query: { user: ALICE } })
    expect(await suggested.json()).toMatchObject({ result: 'success', data: expect.any(Array) })
    const foreign = await call('GET', `/messages/${id}/suggested`, { query: { user: BOB } })
    expect(foreign.status).toBe(404)
  })
})
