import type { BootData } from '../../contract/dify-wire.ts'
import type { AppApi } from '../api/app-api.ts'
import type { ChatError } from '../api/chat-error.ts'
import type { EndpointApi } from '../api/endpoint-api.ts'
import type { Conversation, HistoryApi, HistoryMessage } from '../api/history-api.ts'
import type { AppFeatures } from '../app/app-features.ts'
import type { ChatStore } from '../chat/chat-store.ts'
import { SAMPLES } from './sample-conversation.ts'

const SAMPLE_CONVERSATION = 'sample-conversation'

/**
 * The network of a gallery preview, answered in the page: the app's parameters, the sample
 * conversation as history, its follow-up questions. Nothing leaves the page and nothing is
 * stored beyond it, so a preview never reaches Dify, gets no visitor cookie and leaves the
 * visitor's own chats on this origin alone. The page is inert: a picture of the chat, which
 * takes no focus (the composer's autofocus would pull the gallery to it) and no input.
 */
/** What the gallery preview puts in place of the network and of lasting storage. */
export type SampleBackend = ReturnType<typeof createSampleBackend>

export function createSampleBackend(boot: BootData) {
  document.body.inert = true
  const sample = SAMPLES[boot.locale] ?? SAMPLES.en!
  const now = Math.floor(Date.now() / 1000)
  const conversations: Conversation[] = sample.conversationNames.map((name, index) => ({
    id: index === 0 ? SAMPLE_CONVERSATION : `sample-${index}`,
    name,
    status: 'normal',
    introduction: '',
    created_at: now - 86_400 * (index + 1),
    updated_at: now - 3_600 * (index * 30 + 1),
  }))
  const messages = (conversationId: string): HistoryMessage[] =>
    sample.turns.map(({ query, answer }, index) => ({
      id: `${conversationId}-${index}`,
      conversation_id: conversationId,
      query,
      answer,
      created_at: now - 60 * (sample.turns.length - index),
      status: 'normal',
      error: null,
      feedback: null,
      inputs: {},
    }))

  const app: AppApi = {
    parameters: async () => ({
      opening_statement: sample.openingStatement,
      suggested_questions: sample.starters,
      suggested_questions_after_answer: { enabled: true },
      user_input_form: [],
    }),
    feedback: async () => {},
    suggested: async () => sample.followUps,
  }
  const endpoint: EndpointApi = {
    talk: async () => {
      throw {
        code: 'preview',
        status: 405,
        message: 'A preview does not talk.',
      } satisfies ChatError
    },
    stop: async () => {},
  }
  const history: HistoryApi = {
    messages: async (conversationId) => ({ has_more: false, data: messages(conversationId) }),
    conversations: async () => ({ has_more: false, data: conversations }),
    rename: async (conversationId, name) => ({ ...conversations[0]!, id: conversationId, name }),
    remove: async () => {},
  }
  const storage = memoryStorage({
    [`chatskins:${boot.endpointId}:conversation_id`]: SAMPLE_CONVERSATION,
  })

  return {
    /** The gallery picked it: the browser's languages don't override it. */
    locale: boot.locale,
    app,
    endpoint,
    history,
    storage,
    /** Once the sample is on screen, the follow-up questions under its last answer. */
    show(store: ChatStore, features: AppFeatures) {
      void features.load().then(() => {
        const stop = store.messages.subscribe((messages) => {
          const last = messages.at(-1)
          if (!last) return
          features.afterAnswer(last)
          queueMicrotask(() => stop())
        })
      })
    },
  }
}

/** A Storage for this page only: the preview's conversation and choices die with it. */
function memoryStorage(
  initial: Record<string, string>,
): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const items = new Map(Object.entries(initial))
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}
