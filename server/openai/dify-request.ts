import type { OpenAiConfig } from '../config/types.ts'
import { readUpstreamError } from '../dify/dify-client.ts'
import { HttpError } from '../errors.ts'
import type { ChatMessage, ChatRequest } from './chat-request.ts'
import { queryWithContext } from './context-format.ts'

/**
 * Which Dify conversation the request continues, and what to send it: on a known conversation
 * only the new message; on a new one the earlier messages as context. The `system` messages go to
 * the configured Dify input (`openai.systemInput`, resent every turn as Dify asks), else into the
 * context of the conversation's first turn; either way they are never dropped.
 */
export function difyQuery(
  request: ChatRequest,
  config: OpenAiConfig,
  conversationId: string | undefined,
): { query: string; inputs: Record<string, string> } {
  const history = request.messages.slice(0, -1)
  const latest = request.messages[request.messages.length - 1]!
  const system = request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.text)
    .join('\n\n')
  const inputs: Record<string, string> =
    config.systemInput && system ? { [config.systemInput]: system } : {}
  if (conversationId) return { query: latest.text, inputs }
  const earlier: ChatMessage[] = config.systemInput
    ? history.filter((message) => message.role !== 'system')
    : history
  return { query: queryWithContext(earlier, latest.text), inputs }
}

/** The Dify user of an API client's end user: per endpoint and key, apart from the visitors'. */
export function difyUserOf(endpointId: string, keyId: string, openAiUser: string): string {
  return `openai:${endpointId}:${keyId}:${openAiUser}`
}

/**
 * Dify's refusal of a request as the API client gets it: Dify's own error, except a 401, which is
 * about chatskins' Dify key; to an API client a 401 would blame its own key.
 */
export async function upstreamRefusal(upstream: Response): Promise<HttpError> {
  const error = await readUpstreamError(upstream)
  if (error.status === 401) return new HttpError(502, 'upstream_unauthorized', error.message)
  return error
}
