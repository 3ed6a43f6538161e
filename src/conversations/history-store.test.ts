import { describe, expect, it, vi } from 'vitest'
import type { ChatError } from '../api/chat-error.ts'
import type { EndpointApi } from '../api/endpoint-api.ts'
import type { HistoryApi, HistoryMessage, Page } from '../api/history-api.ts'
import { createChatStore } from '../chat/chat-store.ts'
import type { ConversationStorage } from './conversation-storage.ts'
import { createHistoryStore } from './history-store.ts'

const A = '0b7d1f5e-1c2a-4e3b-9d4c-5f6a7b8c9d0e'
const B = '7a1d0c6e-5b1f-4b7e-9a51-0f3c2d4e5f60'

function item(n: number): HistoryMessage {
  return {
    id: `m${n}`,
    conversation_id: A,
    query: `q${n}`,
    answer: `a${n}`,
    created_at: 1_700_000_000 + n,
    status: 'normal',
    error: null,
    feedback: null,
  }
}

/** Dify's paging over messages 1..total: newest page first, ascending within a page. */
function pageOf(total: number, firstId: string | undefined, limit: number): Page<HistoryMessage> {
  const end = firstId ? Number(firstId.slice(1)) - 1 : total
  const start = Math.max(0, end - limit)
  const data = Array.from({ length: end - start }, (_, i) => item(start + i + 1))
  return { has_more: start > 0, data }
}

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

function memoryStorage(initial: string | null): ConversationStorage & { value: string | null } {
  const storage = {
    value: initial,
    read: () => storage.value,
    write: (id: string) => void (storage.value = id),
    clear: () => void (storage.value = null),
  }
  return storage
}

function setup(messages: HistoryApi['messages'], stored: string | null = A) {
  const storage = memoryStorage(stored)
  const talk: EndpointApi['talk'] = async () => ({
    body: new ReadableStream(),
    requestId: undefined,
  })
  const chat = createChatStore({
    api: { talk, stop: async () => {} },
    storage,
    scheduleFrame: (callback) => callback(),
  })
  const api = { messages: vi.fn(messages) }
  const history = createHistoryStore({ api, chat, pageSize: 2 })
  const texts = () => chat.messages.value.map((message) => message.text.value)
  return { chat, history, api, storage, texts }
}

describe('createHistoryStore', () => {
  it('restores the newest page, then prepends older pages until there are none', async () => {
    const { history, api, texts } = setup(async (_id, { firstId, limit }) =>
      pageOf(5, firstId, limit),
    )
    history.restore()
    expect(history.restoring.value).toBe(true)
    expect(history.pending.value).toBe(true)
    await vi.waitFor(() => expect(history.restoring.value).toBe(false))
    expect(texts()).toEqual(['q4', 'a4', 'q5', 'a5'])
    expect(history.canLoadOlder.value).toBe(true)

    await history.loadOlder()
    expect(texts()).toEqual(['q2', 'a2', 'q3', 'a3', 'q4', 'a4', 'q5', 'a5'])
    await history.loadOlder()
    expect(texts().slice(0, 2)).toEqual(['q1', 'a1'])
    expect(history.canLoadOlder.value).toBe(false)
    expect(history.pending.value).toBe(false)
    expect(api.messages.mock.calls.map(([, options]) => options.firstId)).toEqual([
      undefined,
      'm4',
      'm2',
    ])

    await history.loadOlder()
    expect(api.messages).toHaveBeenCalledTimes(3)
  })

  it('has nothing to load for a new chat', () => {
    const { history, api } = setup(async () => pageOf(0, undefined, 2), null)
    history.restore()
    expect(api.messages).not.toHaveBeenCalled()
    expect(history.pending.value).toBe(false)
  })

  it('forgets a stale stored id silently and shows a new chat', async () => {
    const gone: ChatError = { code: 'conversation_not_found', status: 404, message: '' }
    const { history, chat, storage } = setup(async () => {
      throw gone
    })
    history.restore()
    await vi.waitFor(() => expect(chat.conversationId.value).toBeNull())
    expect(storage.value).toBeNull()
    expect(chat.error.value).toBeNull()
    expect(history.error.value).toBeNull()
    expect(history.pending.value).toBe(false)
  })

  it('keeps a failure for a retry, and loses nothing shown', async () => {
    let fail = true
    const { history, texts } = setup(async (_id, { firstId, limit }) => {
      if (fail && firstId) throw { code: 'network_error', status: 0, message: '' }
      return pageOf(5, firstId, limit)
    })
    history.restore()
    await vi.waitFor(() => expect(texts()).toHaveLength(4))
    await history.loadOlder()
    expect(history.error.value?.code).toBe('network_error')
    expect(history.canLoadOlder.value).toBe(true)
    expect(texts()).toHaveLength(4)

    fail = false
    await history.loadOlder()
    expect(history.error.value).toBeNull()
    expect(texts()).toHaveLength(8)
  })

  it('stops offering older pages when the conversation vanished meanwhile', async () => {
    const { history, texts } = setup(async (_id, { firstId, limit }) => {
      if (firstId) throw { code: 'conversation_not_found', status: 404, message: '' }
      return pageOf(5, firstId, limit)
    })
    history.restore()
    await vi.waitFor(() => expect(texts()).toHaveLength(4))
    await history.loadOlder()
    expect(history.canLoadOlder.value).toBe(false)
    expect(history.error.value?.status).toBe(404)
    expect(texts()).toHaveLength(4)
  })

  it('drops a page that arrives after the visitor moved to another conversation', async () => {
    const pending = new Map<string, ReturnType<typeof deferred<Page<HistoryMessage>>>>()
    const { history, chat, storage, texts } = setup((id) => {
      const wait = deferred<Page<HistoryMessage>>()
      pending.set(id, wait)
      return wait.promise
    })
    history.restore()
    history.open(B)
    expect(storage.value).toBe(B)
    pending.get(B)?.resolve({ has_more: false, data: [{ ...item(9), conversation_id: B }] })
    pending.get(A)?.resolve(pageOf(5, undefined, 2))
    await vi.waitFor(() => expect(history.restoring.value).toBe(false))
    expect(texts()).toEqual(['q9', 'a9'])

    chat.newChat()
    expect(history.pending.value).toBe(false)
  })

  it('puts the page before a turn sent while it loaded, without repeating that turn', async () => {
    const wait = deferred<Page<HistoryMessage>>()
    const { history, chat, texts } = setup(() => wait.promise)
    history.restore()
    // The turn's answer has its Dify id (m5) by the time the page, which includes it, arrives.
    void chat.send('q5 live')
    const answer = chat.messages.value.at(-1)
    if (answer) answer.difyId.value = 'm5'
    wait.resolve(pageOf(5, undefined, 2))
    await vi.waitFor(() => expect(texts()).toHaveLength(4))
    expect(texts()).toEqual(['q4', 'a4', 'q5 live', ''])
  })
})
