import { hex, sha256 } from './api-key.ts'
import type { ChatMessage } from './chat-request.ts'

export interface DigestScope {
  endpointId: string
  keyId: string
  user: string
}

/**
 * The name of a history in the conversation map: SHA-256 over the endpoint, the key, the OpenAI
 * user and every message (role, trimmed text, image URLs). Clients differ in the whitespace they
 * keep around an answer they send back, never in its words, so only the ends are trimmed.
 */
export async function historyDigest(scope: DigestScope, messages: readonly ChatMessage[]) {
  const text = JSON.stringify([
    scope.endpointId,
    scope.keyId,
    scope.user,
    messages.map((message) => [message.role, message.text.trim(), message.images]),
  ])
  return hex(await sha256(text))
}
