import { describe, expect, it, vi } from 'vitest'
import type { ChatError } from '../api/chat-error.ts'
import type { EndpointApi } from '../api/endpoint-api.ts'
import type { Conversation, HistoryApi } from '../api/history-api.ts'
import { createChatStore } from '../chat/chat-store.ts'
import { createConversationList } from './conversation-list.ts'
import type { ConversationStorage } from './conversation-storage.ts'
import { createHistoryStore } from './history-store.ts'

function conversation(n: number, name = `chat ${n}`): Conversation {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name,
    status: 'normal',
    introduction: '',
    created_at: n,
    updated_at: n,
  }
}

const NETWORK: ChatError = { code: 'network_error', status: 0, message: '' }

/** A fake of the visitor's conversations on the server, most recently updated first. */
function fakeServer(count: number) {
  let all = Array.from({ length: count }, (_, i) => conversation(count - i))
  const api: HistoryApi = {
    messages: vi.fn(async () => ({ has_more: false, data: [] })),
    conversations: vi.fn(async ({ lastId, limit }) => {
      const start = lastId ? all.findIndex((item) => item.id === lastId) + 1 : 0
      return { has_more: start + limit < all.length, data: all.slice(start, start + limit) }
    }),
    rename: vi.fn(async (id, name) => {
      const found = all.find((item) => item.id === id)
      if (!found) throw { code: 'conversation_not_found', status: 404, message: '' }
      return { ...found, name }
    }),
    remove: vi.fn(async (id) => {
      all = all.filter((item) => item.id !== id)
    }),
  }
  return {
    api,
    /** A turn in conversation n (or a new one) moves it to the top. */
    touch(item: Conversation) {
      all = [item, ...all.filter((other) => other.id !== item.id)]
    },
  }
}

function setup(server = fakeServer(5), stored: string | null = null) {
  let storedId = stored
  const storage: ConversationStorage = {
    read: () => storedId,
    write: (id) => void (storedId = id),
    clear: () => void (storedId = null),
  }
  let endTurn!: () => void
  const talk: EndpointApi['talk'] = async () => ({
    body: new ReadableStream({
      start(controller) {
        endTurn = () => controller.close()
      },
    }),
    requestId: undefined,
  })
  const chat = createChatStore({
    api: { talk, stop: async () => {} },
    storage,
    scheduleFrame: (callback) => callback(),
  })
  const history = createHistoryStore({ api: server.api, chat })
  const list = createConversationList({ api: server.api, chat, history, pageSize: 2 })
  const names = () => list.items.value.map((item) => item.name)
  return { server, chat, history, list, names, endTurn: () => endTurn() }
}

describe('createConversationList', () => {
  it('loads the first page once, then pages on with last_id', async () => {
    const { list, server, names } = setup()
    list.ensureLoaded()
    list.ensureLoaded()
    expect(list.loading.value).toBe('first')
    await vi.waitFor(() => expect(list.loaded.value).toBe(true))
    expect(names()).toEqual(['chat 5', 'chat 4'])
    expect(list.hasMore.value).toBe(true)

    list.loadMore()
    expect(list.loading.value).toBe('more')
    await vi.waitFor(() => expect(list.loading.value).toBeNull())
    list.loadMore()
    await vi.waitFor(() => expect(list.loading.value).toBeNull())
    expect(names()).toEqual(['chat 5', 'chat 4', 'chat 3', 'chat 2', 'chat 1'])
    expect(list.hasMore.value).toBe(false)
    list.loadMore()
    expect(server.api.conversations).toHaveBeenCalledTimes(3)
    const cursors = vi
      .mocked(server.api.conversations)
      .mock.calls.map(([options]) => options.lastId)
    expect(cursors).toEqual([undefined, conversation(4).id, conversation(2).id])
  })

  it('refreshes after a turn: a new conversation appears on top with its name', async () => {
    const { list, chat, server, names, endTurn } = setup()
    list.ensureLoaded()
    await vi.waitFor(() => expect(list.loaded.value).toBe(true))
    const sent = chat.send('Plans for Jeju')
    await vi.waitFor(() => expect(chat.phase.value).toBe('sending'))
    server.touch(conversation(6, 'Plans for Jeju'))
    endTurn()
    await sent
    await vi.waitFor(() => expect(names()).toEqual(['Plans for Jeju', 'chat 5', 'chat 4']))
    expect(list.hasMore.value).toBe(true)
  })

  it('shows a load failure until a retry succeeds', async () => {
    const { list, server, names } = setup()
    vi.mocked(server.api.conversations).mockRejectedValueOnce(NETWORK)
    list.ensureLoaded()
    await vi.waitFor(() => expect(list.loadFailed.value).toBe(true))
    expect(list.loading.value).toBeNull()
    list.retry()
    await vi.waitFor(() => expect(list.loadFailed.value).toBe(false))
    expect(names()).toEqual(['chat 5', 'chat 4'])
  })

  it('renames with a trimmed name, refuses an empty one, keeps a failure', async () => {
    const { list, server, names } = setup()
    list.ensureLoaded()
    await vi.waitFor(() => expect(list.loaded.value).toBe(true))
    const id = conversation(4).id
    list.edit(id, 'rename')

    expect(await list.rename(id, '   ')).toBe(false)
    expect(server.api.rename).not.toHaveBeenCalled()

    vi.mocked(server.api.rename).mockRejectedValueOnce(NETWORK)
    expect(await list.rename(id, 'Trip')).toBe(false)
    expect(list.failure.value?.action).toBe('rename')
    expect(list.editing.value).toEqual({ id, mode: 'rename' })

    expect(await list.rename(id, '  Trip  ')).toBe(true)
    expect(server.api.rename).toHaveBeenLastCalledWith(id, 'Trip')
    expect(names()).toEqual(['chat 5', 'Trip'])
    expect(list.editing.value).toBeNull()
    expect(list.failure.value).toBeNull()
  })

  it('switches conversations through history', async () => {
    const { list, chat, server } = setup()
    const id = conversation(3).id
    list.edit(id, 'delete')
    list.select(id)
    expect(list.editing.value).toBeNull()
    expect(chat.conversationId.value).toBe(id)
    expect(server.api.messages).toHaveBeenCalledWith(id, expect.anything())
    list.select(id)
    expect(server.api.messages).toHaveBeenCalledTimes(1)
  })

  it('deletes; deleting the conversation shown starts a new chat', async () => {
    const shown = conversation(5).id
    const { list, chat, names } = setup(fakeServer(5), shown)
    list.ensureLoaded()
    await vi.waitFor(() => expect(list.loaded.value).toBe(true))

    expect(await list.remove(conversation(4).id)).toBe(true)
    expect(names()).toEqual(['chat 5'])
    expect(chat.conversationId.value).toBe(shown)

    expect(await list.remove(shown)).toBe(true)
    expect(names()).toEqual([])
    expect(chat.conversationId.value).toBeNull()
  })

  it('treats a conversation already gone as deleted, and keeps one that failed', async () => {
    const { list, server, names } = setup()
    list.ensureLoaded()
    await vi.waitFor(() => expect(list.loaded.value).toBe(true))
    vi.mocked(server.api.remove).mockRejectedValueOnce({
      code: 'conversation_not_found',
      status: 404,
      message: '',
    })
    expect(await list.remove(conversation(5).id)).toBe(true)
    expect(names()).toEqual(['chat 4'])

    vi.mocked(server.api.remove).mockRejectedValueOnce(NETWORK)
    list.edit(conversation(4).id, 'delete')
    expect(await list.remove(conversation(4).id)).toBe(false)
    expect(names()).toEqual(['chat 4'])
    expect(list.failure.value?.action).toBe('delete')
    list.cancelEdit()
    expect(list.failure.value).toBeNull()
  })
})
