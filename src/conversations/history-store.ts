import { batch, computed, signal } from '@preact/signals'
import type { ChatError } from '../api/chat-error.ts'
import { isChatError } from '../api/endpoint-api.ts'
import type { HistoryApi } from '../api/history-api.ts'
import type { ChatStore } from '../chat/chat-store.ts'
import { messagesFromHistory, unseenHistory } from './history-messages.ts'

export interface HistoryStoreOptions {
  api: Pick<HistoryApi, 'messages'>
  chat: ChatStore
  /** The conversation's inputs as Dify keeps them, from the newest page of its history. */
  onConversationInputs?: (conversationId: string, inputs: unknown) => void
  /** Dify messages per page (1–100); each is a question and its answer. */
  pageSize?: number
}

/** Where paging backwards through one conversation stands. */
interface Paging {
  conversationId: string
  /** `first_id` of the next older page; undefined until the newest page has arrived. */
  oldestId: string | undefined
  hasMore: boolean
  loading: boolean
  failed: ChatError | null
}

/**
 * The messages of the conversation shown, from Dify (`GET /messages`, docs/dify-wire.md#messages): the newest
 * page when it is opened, then older pages on demand, placed before what is shown. Results for a
 * conversation that is no longer shown are dropped. A stored id Dify doesn't know (404) is
 * forgotten silently and the chat starts fresh.
 */
export function createHistoryStore(options: HistoryStoreOptions) {
  const { api, chat } = options
  const pageSize = options.pageSize ?? 20
  const paging = signal<Paging | null>(null)
  let inFlight: AbortController | null = null

  const current = computed(() => {
    const state = paging.value
    return state && state.conversationId === chat.conversationId.value ? state : null
  })
  /** The newest page is on its way: a quiet loading state instead of the greeting. */
  const restoring = computed(() => !!current.value?.loading && !current.value.oldestId)
  const loadingOlder = computed(() => !!current.value?.loading && !!current.value.oldestId)
  const canLoadOlder = computed(() => !!current.value?.hasMore && !restoring.value)
  const error = computed(() => current.value?.failed ?? null)
  /** History may still add messages (loading, older pages, or a failure to retry). */
  const pending = computed(() => restoring.value || canLoadOlder.value || error.value !== null)

  const stillShown = (state: Paging, request: AbortController) =>
    inFlight === request && chat.conversationId.value === state.conversationId

  const loadOlder = async () => {
    const state = current.value
    if (!state || !state.hasMore || state.loading) return
    const request = new AbortController()
    inFlight?.abort()
    inFlight = request
    paging.value = { ...state, loading: true, failed: null }
    try {
      const page = await api.messages(state.conversationId, {
        ...(state.oldestId ? { firstId: state.oldestId } : {}),
        limit: pageSize,
        signal: request.signal,
      })
      if (!stillShown(state, request)) return
      const newest = page.data.at(-1)
      if (!state.oldestId && newest)
        options.onConversationInputs?.(state.conversationId, newest.inputs)
      batch(() => {
        chat.prependMessages(messagesFromHistory(unseenHistory(page.data, chat.messages.value)))
        paging.value = {
          ...state,
          oldestId: page.data[0]?.id ?? state.oldestId,
          hasMore: page.has_more && page.data.length > 0,
          loading: false,
          failed: null,
        }
      })
    } catch (failure) {
      if (!stillShown(state, request)) return
      const chatError: ChatError = isChatError(failure)
        ? failure
        : { code: 'history_failed', status: 0, message: String(failure) }
      const gone = chatError.status === 404
      const stale = gone || chatError.code === 'invalid_conversation_id'
      if (stale && !state.oldestId && chat.messages.value.length === 0) {
        // A stale id (deleted, someone else's, not an id): start fresh as if none was stored.
        paging.value = null
        chat.newChat()
        return
      }
      paging.value = {
        ...state,
        hasMore: state.hasMore && !gone,
        loading: false,
        failed: chatError,
      }
    } finally {
      if (inFlight === request) inFlight = null
    }
  }

  const begin = (conversationId: string) => {
    inFlight?.abort()
    inFlight = null
    paging.value = {
      conversationId,
      oldestId: undefined,
      hasMore: true,
      loading: false,
      failed: null,
    }
    void loadOlder()
  }

  return {
    restoring,
    loadingOlder,
    canLoadOlder,
    error,
    pending,
    loadOlder,
    /** Loads the stored conversation's latest messages after a reload. */
    restore() {
      const id = chat.conversationId.value
      if (id) begin(id)
    },
    /** Shows another conversation: its streaming turn (if any) is aborted, its id stored. */
    open(conversationId: string) {
      batch(() => {
        chat.switchConversation(conversationId)
        begin(conversationId)
      })
    },
  }
}

export type HistoryStore = ReturnType<typeof createHistoryStore>
