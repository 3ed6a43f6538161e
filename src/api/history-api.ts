import { isRecord } from '../../contract/guards.ts'
import type { ChatError } from './chat-error.ts'
import { jsonBody, requestEndpoint } from './request-json.ts'

/** One Dify message (a question and its answer) from `GET /messages` (docs/dify-wire.md#messages). */
export interface HistoryMessage {
  id: string
  conversation_id: string
  query: string | null
  answer: string | null
  /** Epoch seconds. */
  created_at: number
  status: 'normal' | 'error'
  error: string | null
  feedback: { rating: 'like' | 'dislike' } | null
  /** The conversation's inputs (files as Dify's file objects). */
  inputs?: unknown
  agent_thoughts?: readonly unknown[] | null
  message_files?: readonly unknown[] | null
  retriever_resources?: readonly unknown[] | null
}

/** One conversation from `GET /conversations` (docs/dify-wire.md#conversations); `name` is untrusted text. */
export interface Conversation {
  id: string
  name: string
  status: string
  introduction: string
  /** Epoch seconds. */
  created_at: number
  updated_at: number
}

/** Dify's cursor pages: `/messages` pages backwards with `first_id`, `/conversations` on with `last_id`. */
export interface Page<T> {
  has_more: boolean
  data: T[]
}

/** History and the conversation list, through this endpoint's `/api` (the server adds `user`). */
export interface HistoryApi {
  /** The newest `limit` messages, or the `limit` before `firstId`; ascending within the page. */
  messages(
    conversationId: string,
    options: { firstId?: string; limit: number; signal?: AbortSignal },
  ): Promise<Page<HistoryMessage>>
  /** Most recently updated first; the next page starts after `lastId`. */
  conversations(options: {
    lastId?: string
    limit: number
    signal?: AbortSignal
  }): Promise<Page<Conversation>>
  rename(conversationId: string, name: string): Promise<Conversation>
  remove(conversationId: string): Promise<void>
}

export function createHistoryApi(endpointId: string): HistoryApi {
  const get = async (
    path: string,
    query: Record<string, string | undefined>,
    signal?: AbortSignal,
  ) => {
    const search = new URLSearchParams()
    for (const [name, value] of Object.entries(query)) if (value) search.set(name, value)
    const response = await requestEndpoint(
      endpointId,
      `${path}?${search}`,
      signal ? { signal } : {},
    )
    return readJson(response)
  }
  const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`

  return {
    async messages(conversationId, { firstId, limit, signal }) {
      const body = await get(
        '/api/messages',
        { conversation_id: conversationId, first_id: firstId, limit: String(limit) },
        signal,
      )
      return readPage(body, isHistoryMessage)
    },
    async conversations({ lastId, limit, signal }) {
      const body = await get(
        '/api/conversations',
        { last_id: lastId, limit: String(limit), sort_by: '-updated_at' },
        signal,
      )
      return readPage(body, isConversation)
    },
    async rename(conversationId, name) {
      const response = await requestEndpoint(
        endpointId,
        `${conversationPath(conversationId)}/name`,
        {
          method: 'POST',
          ...jsonBody({ name }),
        },
      )
      const body = await readJson(response)
      if (!isConversation(body)) throw INVALID_RESPONSE
      return body
    },
    async remove(conversationId) {
      // Dify wants a JSON body on DELETE (docs/dify-wire.md#delete-conversation); the server wants JSON on state changes.
      await requestEndpoint(endpointId, conversationPath(conversationId), {
        method: 'DELETE',
        ...jsonBody({}),
      })
    },
  }
}

const INVALID_RESPONSE: ChatError = {
  code: 'invalid_response',
  status: 502,
  message: 'The chat server sent an answer that is not a history page.',
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    throw INVALID_RESPONSE
  }
}

/** Keeps the items that have the fields the client relies on; anything else is not a page. */
export function readPage<T>(body: unknown, isItem: (item: unknown) => item is T): Page<T> {
  if (!isRecord(body) || !Array.isArray(body.data)) throw INVALID_RESPONSE
  return { has_more: body.has_more === true, data: body.data.filter(isItem) }
}

function isHistoryMessage(item: unknown): item is HistoryMessage {
  return (
    isRecord(item) &&
    typeof item.id === 'string' &&
    typeof item.created_at === 'number' &&
    (typeof item.query === 'string' || item.query == null) &&
    (typeof item.answer === 'string' || item.answer == null)
  )
}

function isConversation(item: unknown): item is Conversation {
  return (
    isRecord(item) &&
    typeof item.id === 'string' &&
    typeof item.name === 'string' &&
    typeof item.updated_at === 'number'
  )
}
