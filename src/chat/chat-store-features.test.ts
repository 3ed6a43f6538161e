import { describe, expect, it, vi } from 'vitest'
import type { EndpointApi, TalkRequest } from '../api/endpoint-api.ts'
import { createMessage } from './chat-message.ts'
import { createChatStore, type ChatStoreOptions } from './chat-store.ts'

const CONVERSATION = '7a1d0c6e-5b1f-4b7e-9a51-0f3c2d4e5f60'

function sse(events: object[]) {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`))
      }
      controller.close()
    },
  })
}

const answer = (id: string, text: string) => [
  { event: 'message', conversation_id: CONVERSATION, task_id: 't', id, answer: text },
  { event: 'message_end', conversation_id: CONVERSATION, task_id: 't', id },
]

type TalkStub = (request: TalkRequest, signal: AbortSignal) => Promise<ReadableStream<Uint8Array>>

function setup(talk: TalkStub, options: Partial<ChatStoreOptions> = {}) {
  const requests: TalkRequest[] = []
  const api: EndpointApi = {
    talk: vi.fn(async (request, signal) => {
      requests.push(request)
      return { body: await talk(request, signal), requestId: undefined }
    }),
    stop: vi.fn(async () => {}),
  }
  let value: string | null = null
  const store = createChatStore({
    api,
    storage: {
      read: () => value,
      write: (id) => void (value = id),
      clear: () => void (value = null),
    },
    scheduleFrame: (callback) => callback(),
    ...options,
  })
  return { store, requests }
}

describe('chat store: inputs, regenerate and the after-answer hook', () => {
  it('a message sent while the form loads waits for it, then goes with its inputs, once', async () => {
    let formLoaded!: () => void
    const loading = new Promise<void>((resolve) => (formLoaded = resolve))
    let inputs: Record<string, unknown> = {}
    const { store, requests } = setup(async () => sse(answer('m1', 'Hi')), {
      checkInputs: () => loading.then(() => true),
      getInputs: () => inputs,
    })
    const first = store.send('hello')
    const second = store.send('hello again')
    expect(requests).toHaveLength(0)
    inputs = { name: 'Ann' }
    formLoaded()
    await Promise.all([first, second])
    expect(requests.map((request) => [request.query, request.inputs])).toEqual([
      ['hello', { name: 'Ann' }],
    ])
  })

  it('sends nothing and keeps the draft while the inputs are not ready', async () => {
    let ready = false
    const { store, requests } = setup(async () => sse(answer('m1', 'Hi')), {
      checkInputs: () => ready,
      getInputs: () => ({ name: 'Ann' }),
    })
    store.draft.value = 'hello'
    await store.send()
    expect(requests).toHaveLength(0)
    expect(store.draft.value).toBe('hello')
    expect(store.messages.value).toHaveLength(0)
    ready = true
    await store.send()
    expect(requests[0]?.inputs).toEqual({ name: 'Ann' })
  })

  it('calls the after-answer hook for finished answers only', async () => {
    const onAnswer = vi.fn()
    let events: object[] = answer('m1', 'Hi')
    const { store } = setup(async () => sse(events), { onAnswer })
    await store.send('one')
    expect(onAnswer).toHaveBeenCalledTimes(1)
    expect(onAnswer.mock.calls[0]?.[0].difyId.value).toBe('m1')
    events = [{ event: 'error', code: 'internal_server_error', status: 500, message: 'x' }]
    await store.send('two')
    expect(onAnswer).toHaveBeenCalledTimes(1)
  })

  it('regenerates the last answer in its place with the same question', async () => {
    let n = 0
    const { store, requests } = setup(async () => sse(answer(`m${++n}`, `answer ${n}`)))
    await store.send('question')
    expect(store.regenerableQuery.value).toBe('question')
    store.draft.value = 'half-typed'
    await store.regenerate()
    expect(requests.map((request) => request.query)).toEqual(['question', 'question'])
    expect(requests[1]?.conversation_id).toBe(CONVERSATION)
    const shown = store.messages.value.map((message) => `${message.role}:${message.text.value}`)
    expect(shown).toEqual(['user:question', 'bot:answer 2'])
    expect(store.draft.value).toBe('half-typed')
  })

  it('puts the previous answer back when regenerating fails before any text', async () => {
    let fail = false
    const { store } = setup(async () => {
      if (fail) throw { code: 'too_many_requests', status: 429, message: 'slow down' }
      return sse(answer('m1', 'first'))
    })
    await store.send('question')
    const [user, previous] = store.messages.value
    fail = true
    await store.regenerate()
    expect(store.messages.value).toEqual([user, previous])
    expect(user?.status.value).toBe('done')
    expect(store.error.value?.code).toBe('too_many_requests')
    expect(store.draft.value).toBe('')
  })

  it('regenerates an answer loaded from history by the question before it', async () => {
    const { store, requests } = setup(async () => sse(answer('m2', 'again')))
    const bot = createMessage('bot', 'old answer', 'done', 0)
    bot.difyId.value = 'm1'
    store.prependMessages([createMessage('user', 'from history', 'done', 0), bot])
    expect(store.regenerableQuery.value).toBe('from history')
    await store.regenerate()
    expect(requests[0]?.query).toBe('from history')
    expect(store.messages.value.map((message) => message.text.value)).toEqual([
      'from history',
      'again',
    ])
  })

  it('offers Regenerate only for a finished last answer while idle', async () => {
    const { store } = setup(async () => sse(answer('m1', 'Hi')))
    expect(store.regenerableQuery.value).toBeUndefined()
    const sending = store.send('question')
    expect(store.regenerableQuery.value).toBeUndefined()
    await sending
    expect(store.regenerableQuery.value).toBe('question')
  })
})
