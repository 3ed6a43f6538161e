import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  FULL_INPUTS,
  readEvents,
  SECRET_FULL_KEY,
  SECRET_KEY,
  startTestStack,
  type TestStack,
} from './test-stack.ts'

type Json = Record<string, any>

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack.close())

const UNKNOWN = '0b7d1f5e-1c2a-4e3b-9d4c-5f6a7b8c9d0e'

/** One finished turn of `visitor` on `endpoint`: its conversation and message ids. */
async function chat(visitor: string, query = '[[echo]] hello', endpoint = 'chat', extra = {}) {
  const inputs = endpoint === 'full' || endpoint === 'tts' ? FULL_INPUTS : {}
  const events = await readEvents(
    await stack.talk(visitor, { query, inputs, ...extra }, {}, endpoint),
  )
  const end = events.find((event) => event.event === 'message_end')
  if (!end) throw new Error(`no message_end: ${JSON.stringify(events)}`)
  return { conversationId: end.conversation_id as string, messageId: end.message_id as string }
}

async function json(response: Response, status: number): Promise<Json> {
  const body = await response.text()
  expect(response.status, body).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  return JSON.parse(body) as Json
}

async function error(response: Response, status: number, code: string) {
  expect(await json(response, status)).toMatchObject({ code, status, message: expect.any(String) })
}

describe('GET /:id/api/messages', () => {
  it("pages the visitor's history backwards with first_id, oldest first within a page", async () => {
    const { conversationId } = await chat('amy', '[[many=4]] [[echo]] latest')
    const page = async (query: string) =>
      json(
        await stack.api('amy', 'chat', 'GET', `messages?conversation_id=${conversationId}${query}`),
        200,
      )
    const latest = await page('&limit=2')
    expect(latest).toMatchObject({ limit: 2, has_more: true })
    expect(latest.data.map((m: Json) => m.query)).toEqual(['History question 4', 'latest'])
    expect(latest.data[1]).toMatchObject({
      conversation_id: conversationId,
      answer: 'latest',
      feedback: null,
      message_files: [],
      retriever_resources: [],
      agent_thoughts: [],
      status: 'normal',
      error: null,
    })
    const older = await page(`&limit=3&first_id=${latest.data[0].id}`)
    expect(older.has_more).toBe(false)
    expect(older.data.map((m: Json) => m.query)).toEqual([
      'History question 1',
      'History question 2',
      'History question 3',
    ])
    const all = await page('')
    expect(all).toMatchObject({ limit: 20, has_more: false })
  })

  it('lists citations, assistant files, agent thoughts and failed turns as Dify does', async () => {
    const full = await chat('bea', '[[file]] [[echo]] cite me', 'full')
    const [cited] = (
      await json(
        await stack.api('bea', 'full', 'GET', `messages?conversation_id=${full.conversationId}`),
        200,
      )
    ).data as Json[]
    expect(cited?.retriever_resources).toHaveLength(2)
    expect(cited?.message_files).toEqual([
      expect.objectContaining({ type: 'image', belongs_to: 'assistant' }),
    ])
    expect(cited?.inputs).toMatchObject(FULL_INPUTS)

    const agent = await chat('bea', '[[echo]] think', 'agent')
    const [thought] = (
      await json(
        await stack.api('bea', 'agent', 'GET', `messages?conversation_id=${agent.conversationId}`),
        200,
      )
    ).data as Json[]
    expect(thought?.agent_thoughts.map((t: Json) => t.position)).toEqual([1, 2])

    const failed = await readEvents(await stack.talk('bea', { query: '[[error-event=400]] x y z' }))
    const conversationId = failed[0]?.conversation_id as string
    const [broken] = (
      await json(
        await stack.api('bea', 'chat', 'GET', `messages?conversation_id=${conversationId}`),
        200,
      )
    ).data as Json[]
    expect(broken).toMatchObject({ status: 'error', error: expect.any(String) })
  })

  it("answers 404 conversation_not_found for another visitor's conversation, whatever user it names", async () => {
    const { conversationId } = await chat('cat')
    await stack.visit('cal', '/chat/')
    const catsUser = encodeURIComponent(stack.difyUserOf('cat'))
    for (const query of ['', `&user=${catsUser}`]) {
      const response = await stack.api(
        'cal',
        'chat',
        'GET',
        `messages?conversation_id=${conversationId}${query}`,
      )
      await error(response, 404, 'conversation_not_found')
    }
    const unknown = await stack.api('cat', 'chat', 'GET', `messages?conversation_id=${UNKNOWN}`)
    await error(unknown, 404, 'conversation_not_found')
    const firstId = await stack.api(
      'cat',
      'chat',
      'GET',
      `messages?conversation_id=${conversationId}&first_id=${UNKNOWN}`,
    )
    await error(firstId, 404, 'first_message_not_found')
  })

  it.each([
    ['', 'invalid_conversation_id'],
    ['conversation_id=1%20OR%201=1', 'invalid_conversation_id'],
    [`conversation_id=${UNKNOWN}&first_id=nope`, 'invalid_first_id'],
    [`conversation_id=${UNKNOWN}&limit=0`, 'invalid_limit'],
    [`conversation_id=${UNKNOWN}&limit=101`, 'invalid_limit'],
    [`conversation_id=${UNKNOWN}&limit=ten`, 'invalid_limit'],
  ])('answers ?%s with 400 %s', async (query, code) => {
    await error(await stack.api('dee', 'chat', 'GET', `messages?${query}`), 400, code)
  })
})

describe('GET /:id/api/conversations', () => {
  it("lists only the visitor's own conversations, paged and sorted", async () => {
    const first = await chat('eva', '[[echo]] first')
    const second = await chat('eva', '[[echo]] second')
    await chat('eli', '[[echo]] not hers')
    const newest = await json(await stack.api('eva', 'chat', 'GET', 'conversations?limit=1'), 200)
    expect(newest).toMatchObject({ limit: 1, has_more: true })
    expect(newest.data.map((c: Json) => c.id)).toEqual([second.conversationId])
    expect(newest.data[0]).toMatchObject({ name: 'second', status: 'normal' })
    expect(newest.data[0]).not.toHaveProperty('user')
    const rest = await json(
      await stack.api('eva', 'chat', 'GET', `conversations?limit=1&last_id=${newest.data[0].id}`),
      200,
    )
    expect(rest.data.map((c: Json) => c.id)).toEqual([first.conversationId])
    const oldestFirst = await json(
      await stack.api('eva', 'chat', 'GET', 'conversations?sort_by=created_at'),
      200,
    )
    expect(oldestFirst.data.map((c: Json) => c.name)).toEqual(['first', 'second'])
    const spoofed = encodeURIComponent(stack.difyUserOf('eli'))
    const mine = await json(
      await stack.api('eva', 'chat', 'GET', `conversations?user=${spoofed}`),
      200,
    )
    expect(mine.data.map((c: Json) => c.name)).toEqual(['second', 'first'])
  })

  it.each([
    ['sort_by=name', 400, 'invalid_sort_by'],
    ['last_id=x', 400, 'invalid_last_id'],
    ['limit=-1', 400, 'invalid_limit'],
    [`last_id=${UNKNOWN}`, 404, 'not_found'],
  ])('answers ?%s with %s %s', async (query, status, code) => {
    await error(await stack.api('fay', 'chat', 'GET', `conversations?${query}`), status, code)
  })
})

describe('POST /:id/api/conversations/:cid/name', () => {
  it('renames by name or from the first message, and answers the conversation', async () => {
    const { conversationId } = await chat('gus', '[[echo]] What is chatskins?')
    const path = `conversations/${conversationId}/name`
    const named = await json(await stack.api('gus', 'chat', 'POST', path, { name: ' Mine ' }), 200)
    expect(named).toMatchObject({ id: conversationId, name: 'Mine', status: 'normal' })
    const generated = await stack.api('gus', 'chat', 'POST', path, { auto_generate: true })
    expect(await json(generated, 200)).toMatchObject({ name: 'What is chatskins?' })
  })

  it("refuses another visitor's conversation with 404, even naming its user", async () => {
    const { conversationId } = await chat('hal')
    await stack.visit('hed', '/chat/')
    const path = `conversations/${conversationId}/name`
    const body = { name: 'stolen', user: stack.difyUserOf('hal') }
    await error(await stack.api('hed', 'chat', 'POST', path, body), 404, 'conversation_not_found')
    const list = await json(await stack.api('hal', 'chat', 'GET', 'conversations'), 200)
    expect(list.data[0].name).not.toBe('stolen')
  })

  it.each([
    [{}, 'invalid_name'],
    [{ name: '   ' }, 'invalid_name'],
    [{ name: 'x'.repeat(201) }, 'invalid_name'],
    [{ name: 42 }, 'invalid_name'],
    [{ auto_generate: 'yes' }, 'invalid_name'],
  ])('answers %j with 400 %s', async (body, code) => {
    await error(
      await stack.api('ian', 'chat', 'POST', `conversations/${UNKNOWN}/name`, body),
      400,
      code,
    )
  })

  it('answers a bad id with 400 and a form post with 415', async () => {
    await error(
      await stack.api('ian', 'chat', 'POST', 'conversations/nope/name', { name: 'x' }),
      400,
      'invalid_conversation_id',
    )
    const form = await stack.visit('ian', `/chat/api/conversations/${UNKNOWN}/name`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    })
    await error(form, 415, 'unsupported_media_type')
  })
})

describe('DELETE /:id/api/conversations/:cid', () => {
  it('deletes the visitor’s own conversation with 204, then answers 404', async () => {
    const { conversationId } = await chat('jon')
    const remove = () => stack.api('jon', 'chat', 'DELETE', `conversations/${conversationId}`, {})
    const deleted = await remove()
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')
    await error(await remove(), 404, 'conversation_not_found')
  })

  it("refuses another visitor's conversation with 404 and leaves it alone", async () => {
    const { conversationId } = await chat('kay')
    await stack.visit('kim', '/chat/')
    const path = `conversations/${conversationId}`
    const body = { user: stack.difyUserOf('kay') }
    await error(await stack.api('kim', 'chat', 'DELETE', path, body), 404, 'conversation_not_found')
    const still = await stack.api(
      'kay',
      'chat',
      'GET',
      `messages?conversation_id=${conversationId}`,
    )
    expect(still.status).toBe(200)
  })

  it('requires a JSON body and a UUID', async () => {
    const bare = await stack.visit('lea', `/chat/api/conversations/${UNKNOWN}`, {
      method: 'DELETE',
    })
    await error(bare, 415, 'unsupported_media_type')
    await error(
      await stack.api('lea', 'chat', 'DELETE', 'conversations/..%2Fparameters', {}),
      400,
      'invalid_conversation_id',
    )
  })
})

describe('DELETE against a Dify that deletes by id for anyone (1.8-1.13, docs/dify-wire.md#delete-conversation)', () => {
  let buggy: TestStack
  beforeAll(async () => {
    buggy = await startTestStack(undefined, { buggyDelete: true })
  })
  afterAll(() => buggy.close())

  it("still refuses another visitor's conversation, and still deletes the visitor's own", async () => {
    const events = await readEvents(await buggy.talk('max', { query: '[[echo]] mine' }))
    const conversationId = events[0]?.conversation_id as string
    await buggy.visit('moe', '/chat/')
    const path = `conversations/${conversationId}`
    await error(await buggy.api('moe', 'chat', 'DELETE', path, {}), 404, 'conversation_not_found')
    const store = buggy.upstream.fake.store
    expect(store.findConversation(conversationId, buggy.difyUserOf('max'))).toBeDefined()

    // The fake really is buggy: asked directly, it deletes whatever id it is given.
    const direct = await fetch(`${buggy.upstream.apiBase}/conversations/${UNKNOWN}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'anyone' }),
    })
    expect(direct.status).toBe(204)

    expect((await buggy.api('max', 'chat', 'DELETE', path, {})).status).toBe(204)
    expect(store.findConversation(conversationId, buggy.difyUserOf('max'))).toBeUndefined()
  })
})

describe('POST /:id/api/messages/:mid/feedbacks', () => {
  it('likes, revokes with null, and shows the rating in /messages', async () => {
    const { conversationId, messageId } = await chat('ned')
    const rate = (body: unknown) =>
      stack.api('ned', 'chat', 'POST', `messages/${messageId}/feedbacks`, body)
    const ratingOf = async () =>
      (
        await json(
          await stack.api('ned', 'chat', 'GET', `messages?conversation_id=${conversationId}`),
          200,
        )
      ).data[0].feedback
    expect(await json(await rate({ rating: 'like', content: 'great' }), 200)).toEqual({
      result: 'success',
    })
    expect(await ratingOf()).toEqual({ rating: 'like' })
    expect(await json(await rate({ rating: null }), 200)).toEqual({ result: 'success' })
    expect(await ratingOf()).toBeNull()
    await error(await rate({ rating: null }), 400, 'invalid_param')
  })

  it("refuses another visitor's message with 404 message_not_found", async () => {
    const { messageId } = await chat('ola')
    await stack.visit('oli', '/chat/')
    const body = { rating: 'dislike', user: stack.difyUserOf('ola') }
    const response = await stack.api('oli', 'chat', 'POST', `messages/${messageId}/feedbacks`, body)
    await error(response, 404, 'message_not_found')
  })

  it.each([
    [{}, 'invalid_rating'],
    [{ rating: 'love' }, 'invalid_rating'],
    [{ rating: 'like', content: 7 }, 'invalid_content'],
    [{ rating: 'like', content: 'x'.repeat(2001) }, 'invalid_content'],
  ])('answers %j with 400 %s', async (body, code) => {
    await error(
      await stack.api('pam', 'chat', 'POST', `messages/${UNKNOWN}/feedbacks`, body),
      400,
      code,
    )
  })
})

describe('GET /:id/api/messages/:mid/suggested', () => {
  it("suggests follow-ups for the visitor's own answer only", async () => {
    const { messageId } = await chat('quinn')
    const path = `messages/${messageId}/suggested`
    const suggested = await json(await stack.api('quinn', 'chat', 'GET', path), 200)
    expect(suggested).toEqual({ result: 'success', data: expect.any(Array) })
    expect(suggested.data.length).toBeGreaterThan(0)
    await stack.visit('quincy', '/chat/')
    await error(await stack.api('quincy', 'chat', 'GET', path), 404, 'message_not_found')
    await error(
      await stack.api('quinn', 'chat', 'GET', 'messages/nope/suggested'),
      400,
      'invalid_message_id',
    )
  })
})

describe('the Dify key stays on the server', () => {
  it('appears in no response of the api routes, answers and errors alike', async () => {
    const { conversationId, messageId } = await chat('sam', '[[echo]] hi', 'full')
    const api = (method: string, path: string, body?: unknown) =>
      stack.api('sam', 'full', method, path, body)
    const responses = await Promise.all([
      api('GET', `messages?conversation_id=${conversationId}`),
      api('GET', `messages?conversation_id=${UNKNOWN}`),
      api('GET', 'conversations'),
      api('GET', 'conversations?last_id=nope'),
      api('POST', `conversations/${conversationId}/name`, { name: 'n' }),
      api('POST', `messages/${messageId}/feedbacks`, { rating: 'like' }),
      api('GET', `messages/${messageId}/suggested`),
      api('POST', 'text-to-audio', { text: 'hi' }),
      api('DELETE', `conversations/${UNKNOWN}`, {}),
    ])
    for (const response of responses) {
      const everything = JSON.stringify([...response.headers]) + (await response.text())
      expect(everything).not.toContain(SECRET_FULL_KEY)
      expect(everything).not.toContain('Bearer')
    }
  })
})
