import { describe, expect, it, vi } from 'vitest'
import type { ChatError } from '../api/chat-error.ts'
import type { EndpointApi, TalkRequest } from '../api/endpoint-api.ts'
import { createChatStore } from './chat-store.ts'
import type { ConversationStorage } from '../conversations/conversation-storage.ts'

const CONVERSATION = '7a1d0c6e-5b1f-4b7e-9a51-0f3c2d4e5f60'

function sse(events: object[], { end = true } = {}) {
  const encoder = new TextEncoder()
  let push!: (event: object) => void
  let close!: () => void
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events)
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`))
      if (end) controller.close()
      push = (event) => controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`))
      close = () => controller.close()
    },
  })
  return { stream, push: (event: object) => push(event), close: () => close() }
}

const message = (answer: string) => ({
  event: 'message',
  conversation_id: CONVERSATION,
  message_id: 'm1',
  task_id: 'task-1',
  id: 'm1',
  answer,
})

function memoryStorage(
  initial: string | null = null,
): ConversationStorage & { value: string | null } {
  const storage = {
    value: initial,
    read: () => storage.value,
    write: (id: string) => void (storage.value = id),
    clear: () => void (storage.value = null),
  }
  return storage
}

/** A `/talk` that answers with this stream; the server's request id is always `req-0001`. */
type TalkStub = (request: TalkRequest, signal: AbortSignal) => Promise<ReadableStream<Uint8Array>>

function setup(talk: TalkStub, storage = memoryStorage()) {
  const api: EndpointApi = {
    talk: vi.fn(async (request: TalkRequest, signal: AbortSignal) => ({
      body: await talk(request, signal),
      requestId: 'req-0001',
    })),
    stop: vi.fn(async () => {}),
  }
  const store = createChatStore({ api, storage, scheduleFrame: (callback) => callback() })
  return { api, store, storage }
}

describe('createChatStore', () => {
  it('streams an answer and remembers the conversation from the first event', async () => {
    const { store, storage, api } = setup(
      async () => sse([message('Hel'), message('lo'), { event: 'message_end', id: 'm1' }]).stream,
    )
    store.draft.value = 'hi'
    await store.send()
    const [user, bot] = store.messages.value
    expect(user?.text.value).toBe('hi')
    expect(bot?.text.value).toBe('Hello')
    expect(bot?.status.value).toBe('done')
    expect(storage.value).toBe(CONVERSATION)
    expect(store.announcement.value).toBe('Hello')
    expect(store.draft.value).toBe('')

    await store.send('again')
    expect(vi.mocked(api.talk).mock.calls[1]?.[0]).toMatchObject({ conversation_id: CONVERSATION })
  })

  it('resends in a new conversation when the stored one is gone', async () => {
    const storage = memoryStorage('0b7d1f5e-1c2a-4e3b-9d4c-5f6a7b8c9d0e')
    const requests: TalkRequest[] = []
    const { store } = setup(async (request) => {
      requests.push(request)
      if (request.conversation_id) {
        throw { code: 'conversation_not_found', status: 404, message: 'gone' } satisfies ChatError
      }
      return sse([message('fresh'), { event: 'message_end', id: 'm1' }]).stream
    }, storage)
    await store.send('still here?')
    expect(requests.map((request) => request.query)).toEqual(['still here?', 'still here?'])
    expect(requests[1]?.conversation_id).toBeUndefined()
    expect(store.messages.value).toHaveLength(2)
    expect(store.error.value).toBeNull()
    expect(storage.value).toBe(CONVERSATION)
  })

  it('keeps the text and marks the message when sending fails', async () => {
    const { store } = setup(async () => {
      throw { code: 'too_many_requests', status: 429, message: 'slow down' } satisfies ChatError
    })
    store.draft.value = 'my long question'
    await store.send()
    expect(store.messages.value).toHaveLength(1)
    expect(store.messages.value[0]?.status.value).toBe('failed')
    expect(store.error.value?.code).toBe('too_many_requests')
    expect(store.draft.value).toBe('my long question')
    expect(store.busy.value).toBe(false)
  })

  it('keeps a partial answer when an error event arrives', async () => {
    const { store } = setup(
      async () =>
        sse([
          message('Part'),
          { event: 'error', code: 'internal_server_error', status: 500, message: 'x' },
        ]).stream,
    )
    await store.send('question')
    const bot = store.messages.value[1]
    expect(bot?.text.value).toBe('Part')
    expect(bot?.status.value).toBe('error')
    expect(store.error.value?.status).toBe(500)
    expect(store.error.value?.requestId).toBe('req-0001')
    // Regenerate asks it again; the composer stays free for the next question.
    expect(store.regenerableQuery.value).toBe('question')
    expect(store.draft.value).toBe('')
  })

  it('a stream that breaks off is a broken answer, with the request id for support', async () => {
    const { store } = setup(async () => {
      let sent = false
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) return controller.error(new TypeError('network error'))
          sent = true
          controller.enqueue(
            new TextEncoder().encode(`data: ${JSON.stringify(message('Par'))}\n\n`),
          )
        },
      })
    })
    await store.send('question')
    expect(store.messages.value[1]?.text.value).toBe('Par')
    expect(store.messages.value[1]?.status.value).toBe('error')
    expect(store.error.value).toMatchObject({ code: 'stream_broken', requestId: 'req-0001' })
  })

  it('Stop calls the stop API with the task id and freezes the partial answer', async () => {
    const live = sse([message('Once upon')], { end: false })
    const { store, api } = setup(async () => live.stream)
    const sending = store.send('story')
    await vi.waitFor(() => expect(store.messages.value[1]?.text.value).toBe('Once upon'))
    store.stop()
    expect(api.stop).toHaveBeenCalledWith('task-1')
    live.push(message(' a time'))
    live.push({ event: 'message_end', id: 'm1' })
    live.close()
    await sending
    expect(store.messages.value[1]?.text.value).toBe('Once upon')
    expect(store.messages.value[1]?.status.value).toBe('stopped')
    expect(store.busy.value).toBe(false)
  })

  it('New chat forgets the conversation', async () => {
    const { store, storage } = setup(
      async () => sse([message('hi'), { event: 'message_end' }]).stream,
    )
    await store.send('hello')
    store.newChat()
    expect(store.messages.value).toEqual([])
    expect(store.conversationId.value).toBeNull()
    expect(storage.value).toBeNull()
  })
})
