import type { EndpointRuntime } from '../app-env.ts'
import type { OpenAiConfig } from '../config/types.ts'
import type { KeyId } from './api-key.ts'
import { isConversationId, type ChatRequest } from './chat-request.ts'
import type { ConversationMap } from './conversation-map.ts'
import { difyQuery, difyUserOf, upstreamRefusal } from './dify-request.ts'
import { historyDigest } from './history-digest.ts'
import { imageFiles } from './image-files.ts'
import { OpenAiError } from './openai-error.ts'

export interface DifyTurnOptions {
  endpoint: EndpointRuntime
  request: ChatRequest
  openai: OpenAiConfig
  keyId: KeyId
  /** `X-Dify-Conversation-Id`, which pins a conversation like `metadata.conversation_id`. */
  pinnedHeader: string | undefined
  conversations: ConversationMap
  maxUploadBytes: number
  signal: AbortSignal
}

/**
 * Sends the new message to Dify's `/chat-messages` (streaming, whatever the client asked): to the
 * pinned conversation, to the one the history maps to, or to a new one with the history as
 * context. A mapped conversation Dify no longer has is forgotten and the turn starts a new one.
 * Resolves with Dify's open answer stream, the Dify user and the conversation continued.
 */
export async function startDifyTurn(options: DifyTurnOptions) {
  const { endpoint, request, openai, keyId, pinnedHeader, signal } = options
  const difyUser = difyUserOf(endpoint.config.id, keyId, request.user)
  if (pinnedHeader !== undefined && !isConversationId(pinnedHeader)) {
    throw new OpenAiError(
      400,
      'invalid_request_error',
      'X-Dify-Conversation-Id must be a Dify conversation id (a UUID).',
      'invalid_value',
    )
  }
  const pinned = pinnedHeader ?? request.conversationId
  const scope = { endpointId: endpoint.config.id, keyId, user: request.user }
  const mapped = pinned
    ? undefined
    : await options.conversations.get(await historyDigest(scope, request.messages.slice(0, -1)))
  const files = await imageFiles(request.messages[request.messages.length - 1]!.images, {
    dify: endpoint.dify,
    user: difyUser,
    maxUploadBytes: options.maxUploadBytes,
    signal,
  })
  const send = (conversationId: string | undefined) => {
    const { query, inputs } = difyQuery(request, openai, conversationId)
    return endpoint.dify.request('POST', '/chat-messages', {
      json: {
        query,
        inputs,
        files,
        user: difyUser,
        response_mode: 'streaming',
        conversation_id: conversationId ?? '',
        auto_generate_name: true,
      },
      signal,
    })
  }
  let conversationId = pinned ?? mapped
  let upstream = await send(conversationId)
  if (upstream.status === 404 && mapped) {
    await upstream.body?.cancel()
    conversationId = undefined
    upstream = await send(undefined)
  }
  if (!upstream.ok || !upstream.body) {
    const error = await upstreamRefusal(upstream)
    if (error.status === 404 && pinned) {
      throw new OpenAiError(
        404,
        'not_found_error',
        `Conversation ${pinned} does not exist for this user.`,
        'conversation_not_found',
      )
    }
    throw error
  }
  return { upstream: upstream.body, difyUser, conversationId }
}
