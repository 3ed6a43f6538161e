import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEY_A, KEY_B, startOpenAiStack, type OpenAiStack } from './openai-test-stack.ts'

let stack: OpenAiStack
beforeAll(async () => {
  stack = await startOpenAiStack()
})
afterAll(() => stack.close())

type Message = OpenAI.Chat.ChatCompletionMessageParam
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const conversationsOf = async (endpointId: string, user: string, key = KEY_A) =>
  stack.upstream.fake.store.listConversations(
    await stack.difyUser(endpointId, user, key),
    'created_at',
  )

/** One turn through the SDK, streamed, returning the text the client saw. */
async function streamedTurn(endpointId: string, messages: Message[], user: string) {
  const stream = await stack.client(endpointId).chat.completions.create({
    model: endpointId,
    messages,
    user,
    stream: true,
  })
  let content = ''
  for await (const part of stream) content += part.choices[0]?.delta.content ?? ''
  return content
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${stack.server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY_A}`, ...headers },
    body: JSON.stringify(body),
  })
}

describe('models', () => {
  it('lists the one model of the endpoint: the endpoint id, or the configured name', async () => {
    const chat = await stack.client('chat').models.list()
    expect(chat.data.map((model) => model.id)).toEqual(['chat'])
    const flow = await stack.client('flow', KEY_B).models.list()
    expect(flow.data.map((model) => model.id)).toEqual(['my-flow'])
  })
})

describe('answers', () => {
  it('answers without stream as one chat.completion with Dify usage', async () => {
    const answer = await stack.client('chat').chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: 'Hello there' }],
      user: 'solo',
    })
    const [conversation] = await conversationsOf('chat', 'solo')
    const stored = conversation!.messages[0]!
    expect(answer.object).toBe('chat.completion')
    expect(answer.id).toBe(`chatcmpl-${stored.id}`)
    expect(answer.choices[0]!.message.content).toBe(stored.answer)
    expect(answer.choices[0]!.finish_reason).toBe('stop')
    expect(answer.usage?.prompt_tokens).toBe(31)
    expect(answer.usage?.total_tokens).toBe(31 + answer.usage!.completion_tokens)
    expect((answer as unknown as { dify: Record<string, unknown> }).dify).toEqual({
      conversation_id: conversation!.id,
      message_id: stored.id,
    })
  })

  it('streams the role first, then deltas, finish_reason stop and the usage chunk', async () => {
    const stream = await stack.client('chat').chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: 'Stream to me' }],
      user: 'streamer',
      stream: true,
      stream_options: { include_usage: true },
    })
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = []
    for await (const part of stream) chunks.push(part)
    const [conversation] = await conversationsOf('chat', 'streamer')
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' })
    const text = chunks.map((part) => part.choices[0]?.delta.content ?? '').join('')
    expect(text).toBe(conversation!.messages[0]!.answer)
    expect(chunks.length).toBeGreaterThan(4)
    const finish = chunks.find((part) => part.choices[0]?.finish_reason)
    expect(finish?.choices[0]!.finish_reason).toBe('stop')
    const last = chunks[chunks.length - 1]!
    expect(last.choices).toEqual([])
    expect(last.usage?.prompt_tokens).toBe(31)
    expect(new Set(chunks.map((part) => part.id)).size).toBe(1)
  })

  it('reads the same stream as raw SSE: exact records, one id, [DONE] last', async () => {
    const response = await post('/chat/v1/chat/completions', {
      model: 'chat',
      messages: [{ role: 'user', content: 'Raw bytes please' }],
      stream: true,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('set-cookie')).toBeNull()
    const text = await response.text()
    expect(text.endsWith('\n\ndata: [DONE]\n\n')).toBe(true)
    const records = text.split('\n\n').filter((record) => record !== '')
    for (const record of records) expect(record).toMatch(/^data: \S.*$/s)
    expect(records.every((record) => !record.includes('\n'))).toBe(true)
    const events = records.slice(0, -1).map((record) => JSON.parse(record.slice(6)))
    expect(events[0]).toMatchObject({
      object: 'chat.completion.chunk',
      model: 'chat',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    })
    expect(events[0].id).toMatch(/^chatcmpl-[0-9a-f-]{36}$/)
    expect(new Set(events.map((event) => event.id))).toEqual(new Set([events[0].id]))
    const end = events[events.length - 1]
    expect(end.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' })
    expect(end.dify.conversation_id).toMatch(UUID)
  })
})

describe('conversation memory', () => {
  it('keeps a resent history in one Dify conversation, and after a restart starts one with context', async () => {
    const messages: Message[] = []
    for (const question of ['First question', 'Second question', 'Third question']) {
      messages.push({ role: 'user', content: question })
      messages.push({ role: 'assistant', content: await streamedTurn('chat', messages, 'three') })
    }
    const conversations = await conversationsOf('chat', 'three')
    expect(conversations).toHaveLength(1)
    expect(conversations[0]!.messages.map((message) => message.query)).toEqual([
      'First question',
      'Second question',
      'Third question',
    ])

    await stack.restart()
    messages.push({ role: 'user', content: 'Fourth question' })
    messages.push({ role: 'assistant', content: await streamedTurn('chat', messages, 'three') })
    const after = await conversationsOf('chat', 'three')
    expect(after).toHaveLength(2)
    const query = after[1]!.messages[0]!.query
    expect(query).toBe(
      [
        '<conversation_history>',
        '<user>\nFirst question\n</user>',
        `<assistant>\n${messages[1]!.content}\n</assistant>`,
        '<user>\nSecond question\n</user>',
        `<assistant>\n${messages[3]!.content}\n</assistant>`,
        '<user>\nThird question\n</user>',
        `<assistant>\n${messages[5]!.content}\n</assistant>`,
        '</conversation_history>',
        '',
        'Fourth question',
      ].join('\n'),
    )
    // The new conversation is remembered in turn.
    messages.push({ role: 'user', content: 'Fifth question' })
    await streamedTurn('chat', messages, 'three')
    const latest = await conversationsOf('chat', 'three')
    expect(latest).toHaveLength(2)
    expect(latest[1]!.messages.map((message) => message.query).slice(1)).toEqual(['Fifth question'])
  })

  it('forks an edited history into a new conversation; users and keys never share one', async () => {
    const first: Message[] = [{ role: 'user', content: 'Tell me about cats' }]
    first.push({ role: 'assistant', content: await streamedTurn('chat', first, 'editor') })
    first.push({ role: 'user', content: 'And their whiskers?' })
    await streamedTurn('chat', first, 'editor')
    const edited: Message[] = [
      { role: 'user', content: 'Tell me about dogs' },
      first[1]!,
      first[2]!,
    ]
    await streamedTurn('chat', edited, 'editor')
    const conversations = await conversationsOf('chat', 'editor')
    expect(conversations).toHaveLength(2)
    expect(conversations[1]!.messages[0]!.query).toMatch(
      /^<conversation_history>\n<user>\nTell me about dogs\n<\/user>/,
    )
    // The same history from another OpenAI user is a miss too, in that user's own Dify user.
    await streamedTurn('chat', first, 'someone-else')
    expect(await conversationsOf('chat', 'someone-else')).toHaveLength(1)
    expect(await stack.difyUser('chat', 'x', KEY_A)).not.toBe(
      await stack.difyUser('chat', 'x', KEY_B),
    )
    expect(await stack.difyUser('chat', 'x')).toMatch(/^openai:chat:[0-9a-f]{12}:x$/)
  })

  it('starts over with context when Dify no longer has the mapped conversation', async () => {
    const messages: Message[] = [{ role: 'user', content: 'Remember me' }]
    messages.push({ role: 'assistant', content: await streamedTurn('chat', messages, 'deleted') })
    const [gone] = await conversationsOf('chat', 'deleted')
    stack.upstream.fake.store.deleteConversation(gone!.id)
    messages.push({ role: 'user', content: 'Still there?' })
    expect(await streamedTurn('chat', messages, 'deleted')).not.toBe('')
    const [fresh] = await conversationsOf('chat', 'deleted')
    expect(fresh!.id).not.toBe(gone!.id)
    expect(fresh!.messages[0]!.query).toMatch(/^<conversation_history>\n<user>\nRemember me/)
  })

  it('continues a conversation pinned by metadata or header, whatever the history', async () => {
    await streamedTurn('chat', [{ role: 'user', content: 'Pin me' }], 'pinner')
    const [conversation] = await conversationsOf('chat', 'pinner')
    await stack.client('chat').chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: 'By metadata' }],
      user: 'pinner',
      metadata: { conversation_id: conversation!.id },
    })
    const byHeader = await post(
      '/chat/v1/chat/completions',
      { model: 'chat', user: 'pinner', messages: [{ role: 'user', content: 'By header' }] },
      { 'X-Dify-Conversation-Id': conversation!.id },
    )
    expect(byHeader.status).toBe(200)
    const [after] = await conversationsOf('chat', 'pinner')
    expect(after!.messages.map((message) => message.query)).toEqual([
      'Pin me',
      'By metadata',
      'By header',
    ])
    const missing = await post(
      '/chat/v1/chat/completions',
      { model: 'chat', user: 'pinner', messages: [{ role: 'user', content: 'Lost' }] },
      { 'X-Dify-Conversation-Id': crypto.randomUUID() },
    )
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.code).toBe('conversation_not_found')
  })
})

describe('errors', () => {
  const errorOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(OpenAI.APIError)
    return error as InstanceType<typeof OpenAI.APIError>
  }
  const ask = (messages: unknown, extra: Record<string, unknown> = {}, endpointId = 'chat') =>
    stack.client(endpointId).chat.completions.create({
      model: endpointId,
      messages: messages as Message[],
      ...extra,
    })

  it('answers 401 for a missing or wrong key, in OpenAI error shape', async () => {
    const missing = await fetch(`${stack.server.url}/chat/v1/models`)
    expect(missing.status).toBe(401)
    expect(await missing.json()).toEqual({
      error: {
        message: 'Missing API key: send "Authorization: Bearer <key>".',
        type: 'authentication_error',
        param: null,
        code: 'missing_api_key',
      },
    })
    const wrong = await errorOf(stack.client('chat', `${KEY_A}x`).models.list())
    expect(wrong.status).toBe(401)
    expect(wrong.code).toBe('invalid_api_key')
    const plain = await errorOf(stack.client('plain').models.list())
    expect(plain.status).toBe(404)
  })

  it('answers 404 for an unknown model and 400 for bad messages', async () => {
    const model = await errorOf(
      stack.client('chat').chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    )
    expect([model.status, model.code, model.param]).toEqual([404, 'model_not_found', 'model'])
    const cases: Array<[unknown, string]> = [
      [[], 'messages'],
      [[{ role: 'assistant', content: 'only me' }], 'messages'],
      [[{ role: 'user', content: 42 }], 'messages[0].content'],
      [[{ role: 'tool', content: 'x', tool_call_id: 'a' }], 'messages[0].role'],
      [
        [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'last' },
        ],
        'messages[1]',
      ],
    ]
    for (const [messages, param] of cases) {
      const error = await errorOf(ask(messages))
      expect([error.status, error.type, error.param]).toEqual([400, 'invalid_request_error', param])
    }
    const huge = await errorOf(ask([{ role: 'user', content: 'x'.repeat(200_001) }]))
    expect([huge.status, huge.code]).toEqual([400, 'context_length_exceeded'])
  })

  it('answers 429 with Retry-After past the per-key budget', async () => {
    await stack.client('tight').models.list()
    await stack.client('tight').models.list()
    const limited = await errorOf(stack.client('tight').models.list())
    expect(limited.status).toBe(429)
    expect(Number(limited.headers?.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.type).toBe('rate_limit_error')
  })

  it('answers 429 past the answers one key may have running at once', async () => {
    const controller = new AbortController()
    const first = await stack.client('single').chat.completions.create(
      {
        model: 'single',
        messages: [{ role: 'user', content: '[[slow=30]] long one' }],
        stream: true,
      },
      { signal: controller.signal },
    )
    const second = await errorOf(ask([{ role: 'user', content: 'me too' }], {}, 'single'))
    expect([second.status, second.code]).toEqual([429, 'rate_limit_exceeded'])
    controller.abort()
    for await (const _ of first) break
    await expect.poll(() => stack.upstream.fake.activeTasks()).toBe(0)
    expect((await ask([{ role: 'user', content: 'now' }], {}, 'single')).choices).toHaveLength(1)
  })

  it("keeps a Dify error's status, code and message", async () => {
    const error = await errorOf(
      ask([{ role: 'user', content: '[[dify-error=provider_quota_exceeded]] hi' }]),
    )
    expect(error.status).toBe(400)
    expect(error.code).toBe('provider_quota_exceeded')
    expect(error.message).toMatch(/quota/)
  })

  it('ends a stream that fails midway with an error record and no [DONE]', async () => {
    const stream = (await ask([{ role: 'user', content: '[[error-event=500]] break please' }], {
      stream: true,
    })) as unknown as AsyncIterable<OpenAI.Chat.ChatCompletionChunk>
    let content = ''
    const error = await errorOf(
      (async () => {
        for await (const part of stream) content += part.choices[0]?.delta.content ?? ''
      })(),
    )
    expect(content.length).toBeGreaterThan(0)
    expect(error.message).toMatch(/Internal Server Error/)
    const raw = await (
      await post('/chat/v1/chat/completions', {
        model: 'chat',
        stream: true,
        messages: [{ role: 'user', content: '[[error-event=400]] break again' }],
      })
    ).text()
    const records = raw.split('\n\n').filter(Boolean)
    expect(JSON.parse(records[records.length - 1]!.slice(6))).toEqual({
      error: {
        message: '[openai] Error: Rate limit reached for gpt-4o in organization org-demo.',
        type: 'invalid_request_error',
        param: null,
        code: 'completion_request_error',
      },
    })
  })

  it('needs no cookie and no same origin', async () => {
    const response = await post(
      '/chat/v1/chat/completions',
      { model: 'chat', messages: [{ role: 'user', content: 'from a script' }] },
      { Origin: 'https://elsewhere.example' },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toBeNull()
  })
})

describe('Dify features', () => {
  it("stops Dify's task when the client leaves mid-stream", async () => {
    await stack.leaveMidStream('chat', '[[slow=40]] a long story', 'leaver')
    const user = await stack.difyUser('chat', 'leaver')
    await expect
      .poll(() => stack.upstream.fake.stops.filter((stop) => stop.user === user).length)
      .toBe(1)
    await expect.poll(() => stack.upstream.fake.activeTasks()).toBe(0)
  })

  it("stops Dify's task when a client waiting for a whole answer leaves", async () => {
    const controller = new AbortController()
    const waiting = stack.client('chat').chat.completions.create(
      {
        model: 'chat',
        messages: [{ role: 'user', content: '[[slow=40]] a long whole answer' }],
        user: 'impatient',
      },
      { signal: controller.signal },
    )
    const user = await stack.difyUser('chat', 'impatient')
    await expect.poll(() => stack.upstream.fake.activeTasks()).toBe(1)
    controller.abort()
    await expect(waiting).rejects.toThrow()
    await expect
      .poll(() => stack.upstream.fake.stops.filter((stop) => stop.user === user).length)
      .toBe(1)
  })

  it('sends image parts as Dify files and the system message as the configured input', async () => {
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
    await stack.client('vision').chat.completions.create({
      model: 'vision',
      user: 'looker',
      messages: [
        { role: 'system', content: 'Answer like a pirate.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image_url', image_url: { url: 'https://images.example/cat.png' } },
            { type: 'image_url', image_url: { url: png } },
          ],
        },
      ],
    })
    const [conversation] = await conversationsOf('vision', 'looker')
    const message = conversation!.messages[0]!
    expect(message.query).toBe('What is in these?')
    expect(conversation!.inputs).toEqual({ system: 'Answer like a pirate.' })
    expect(message.message_files.map((file) => [file.transfer_method, file.type])).toEqual([
      ['remote_url', 'image'],
      ['local_file', 'image'],
    ])
    expect(message.message_files[0]!.url).toBe('https://images.example/cat.png')
    expect(message.message_files[1]!.mime_type).toBe('image/png')
  })

  it('gives an Agent its tool use as reasoning_content and its picture as a markdown image', async () => {
    const stream = await stack.client('agent').chat.completions.create({
      model: 'agent',
      messages: [{ role: 'user', content: 'Draw me a chart' }],
      user: 'agent-user',
      stream: true,
    })
    let content = ''
    let reasoning = ''
    for await (const part of stream) {
      const delta = part.choices[0]?.delta as { content?: string; reasoning_content?: string }
      content += delta?.content ?? ''
      reasoning += delta?.reasoning_content ?? ''
    }
    expect(reasoning).toMatch(/^Tool demo_chart: \{.*\}\nObservation: .*drew 1 chart.*\n$/s)
    const imageUrl = new URL(`${stack.upstream.apiBase}/..`).origin
    expect(content).toContain(`![image](${imageUrl}/files/`)
    const [conversation] = await conversationsOf('agent', 'agent-user')
    expect(content).toContain(conversation!.messages[0]!.answer)
  })

  it('answers from a Chatflow without stream, and gives citations in the dify field', async () => {
    const flow = await stack.client('flow').chat.completions.create({
      model: 'my-flow',
      messages: [{ role: 'user', content: 'Flow with me' }],
      user: 'flower',
    })
    const [conversation] = await conversationsOf('flow', 'flower')
    expect(flow.choices[0]!.message.content).toBe(conversation!.messages[0]!.answer)
    expect(flow.usage?.prompt_tokens).toBe(31)
    const cited = await stack.client('cited').chat.completions.create({
      model: 'cited',
      messages: [{ role: 'user', content: 'Cite something' }],
    })
    const citations = (cited as unknown as { dify: { citations: unknown[] } }).dify.citations
    expect(citations).toHaveLength(2)
    expect(citations[0]).toMatchObject({ position: 1, document_name: expect.any(String) })
  })

  it('streams a Chatflow whichever of message_end and workflow_finished comes first', async () => {
    for (const order of ['', '[[end-first]] ']) {
      const stream = await stack.client('flow').chat.completions.create({
        model: 'my-flow',
        messages: [{ role: 'user', content: `${order}Flow order` }],
        stream: true,
        stream_options: { include_usage: true },
      })
      const chunks: OpenAI.Chat.ChatCompletionChunk[] = []
      for await (const part of stream) chunks.push(part)
      expect(chunks.find((part) => part.choices[0]?.finish_reason)?.choices[0]!.finish_reason).toBe(
        'stop',
      )
      expect(chunks[chunks.length - 1]!.usage?.prompt_tokens).toBe(31)
    }
  })

  it("says finish_reason length where Dify's LLM node does", async () => {
    const flow = await stack.client('flow').chat.completions.create({
      model: 'my-flow',
      messages: [{ role: 'user', content: '[[length]] Run out of tokens' }],
    })
    expect(flow.choices[0]!.finish_reason).toBe('length')
  })
})
