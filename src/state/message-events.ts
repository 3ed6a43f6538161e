import type { DifyStreamEvent } from '../wire/dify.ts'
import type { ChatMessage } from './chat-message.ts'

/**
 * Applies the stream events that add to an answer beyond its text (the chat store handles the
 * text itself, batched per frame, and errors).
 */
export function applyMessageEvent(message: ChatMessage, event: DifyStreamEvent): void {
  switch (event.event) {
    case 'message':
    case 'agent_message':
    case 'message_end':
      message.difyId.value ??= event.id
      break
  }
}
