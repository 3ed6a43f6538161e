import { batch, computed, effect, signal, untracked } from '@preact/signals'
import type { ChatError } from '../api/chat-error.ts'
import { isChatError } from '../api/endpoint-api.ts'
import type { HistoryApi } from '../api/history-api.ts'
import type { ChatStore } from '../chat/chat-store.ts'
import {
  withFirstPage,
  withNextPage,
  withoutConversation,
  withRenamed,
  type ListPages,
} from './conversation-list-pages.ts'
import type { HistoryStore } from './history-store.ts'

export interface ConversationListOptions {
  api: HistoryApi
  chat: ChatStore
  history: HistoryStore
  /** Conversations per page (1–100). */
  pageSize?: number
}

/** What failed: loading the first page or the next one, a rename or a delete. */
export type ListAction = 'first' | 'more' | 'rename' | 'delete'

/** The one item being renamed, or asked about before deleting. */
export interface ListEditing {
  id: string
  mode: 'rename' | 'delete'
}

/**
 * The visitor's conversations (`GET /conversations`, docs/dify-wire.md#conversations), paged on with `last_id`,
 * refreshed after every turn (a new conversation appears on top with Dify's name for it), with
 * rename, delete and switch. A failure is kept with the action it belongs to; nothing is lost.
 */
export function createConversationList(options: ConversationListOptions) {
  const { api, chat, history } = options
  const pageSize = options.pageSize ?? 20
  const pages = signal<ListPages>({ items: [], hasMore: false })
  const loaded = signal(false)
  const loading = signal<'first' | 'more' | null>(null)
  const failure = signal<{ action: ListAction; error: ChatError } | null>(null)
  const editing = signal<ListEditing | null>(null)
  /** The conversation with a rename or delete on its way. */
  const working = signal<string | null>(null)
  let inFlight: AbortController | null = null

  const fail = (action: ListAction, error: unknown) => {
    failure.value = {
      action,
      error: isChatError(error)
        ? error
        : { code: 'list_failed', status: 0, message: String(error) },
    }
  }

  const fetchPage = async (kind: 'first' | 'more') => {
    const request = new AbortController()
    inFlight?.abort()
    inFlight = request
    loading.value = kind
    const lastId = kind === 'more' ? pages.value.items.at(-1)?.id : undefined
    try {
      const page = await api.conversations({
        ...(lastId ? { lastId } : {}),
        limit: pageSize,
        signal: request.signal,
      })
      if (inFlight !== request) return
      batch(() => {
        pages.value = (kind === 'first' ? withFirstPage : withNextPage)(pages.value, page)
        loaded.value = true
        if (isLoadAction(failure.value?.action)) failure.value = null
      })
    } catch (error) {
      if (inFlight === request) fail(kind, error)
    } finally {
      if (inFlight === request) {
        inFlight = null
        loading.value = null
      }
    }
  }

  /** The latest first page; a `loadMore` on its way gives way to it. */
  const refresh = () => fetchPage('first')

  // A finished turn may have created the conversation, renamed it (Dify names new ones after the
  // first answer) or moved it to the top.
  let wasBusy = chat.busy.peek()
  effect(() => {
    const busy = chat.busy.value
    if (wasBusy && !busy && loaded.peek()) untracked(() => void refresh())
    wasBusy = busy
  })

  const clearEditFailure = () => {
    if (!isLoadAction(failure.value?.action)) failure.value = null
  }

  return {
    items: computed(() => pages.value.items),
    hasMore: computed(() => pages.value.hasMore),
    loaded,
    loading,
    failure,
    /** Loading a page failed: the list shows why, with Try again. */
    loadFailed: computed(() => isLoadAction(failure.value?.action)),
    editing,
    working,
    /** Loads the first page once, when the list is first shown. */
    ensureLoaded() {
      if (!loaded.value && !loading.value) void refresh()
    },
    loadMore() {
      if (pages.value.hasMore && !loading.value) void fetchPage('more')
    },
    retry() {
      void fetchPage(failure.value?.action === 'more' ? 'more' : 'first')
    },
    /** Opens one item's rename field or delete confirmation (closing any other). */
    edit(id: string, mode: ListEditing['mode']) {
      batch(() => {
        editing.value = { id, mode }
        clearEditFailure()
      })
    },
    cancelEdit() {
      batch(() => {
        editing.value = null
        clearEditFailure()
      })
    },
    /** Shows a conversation (its streaming turn, if any, is aborted first). */
    select(id: string) {
      editing.value = null
      if (id !== chat.conversationId.value) history.open(id)
    },
    /** Resolves false when the name is empty or the rename failed (the field keeps the text). */
    async rename(id: string, name: string): Promise<boolean> {
      const trimmed = name.trim()
      if (!trimmed || working.value) return false
      working.value = id
      try {
        const renamed = await api.rename(id, trimmed)
        batch(() => {
          pages.value = withRenamed(pages.value, renamed)
          editing.value = null
          clearEditFailure()
        })
        return true
      } catch (error) {
        fail('rename', error)
        return false
      } finally {
        working.value = null
      }
    },
    /** Deletes after the UI's confirmation; deleting the conversation shown starts a new chat. */
    async remove(id: string): Promise<boolean> {
      if (working.value) return false
      working.value = id
      try {
        await api.remove(id).catch((error: unknown) => {
          // Already gone (another tab deleted it): the list just catches up.
          if (!isChatError(error) || error.status !== 404) throw error
        })
        batch(() => {
          pages.value = withoutConversation(pages.value, id)
          editing.value = null
          clearEditFailure()
          if (chat.conversationId.value === id) chat.newChat()
        })
        return true
      } catch (error) {
        fail('delete', error)
        return false
      } finally {
        working.value = null
      }
    },
  }
}

export type ConversationList = ReturnType<typeof createConversationList>

function isLoadAction(action: ListAction | undefined): boolean {
  return action === 'first' || action === 'more'
}
