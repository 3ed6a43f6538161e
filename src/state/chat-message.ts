import { signal, type Signal } from '@preact/signals'
import type { ChatError } from '../api/chat-error.ts'

/**
 * - pending: sent, nothing back yet · streaming: answer arriving · done: finished
 * - stopped: the user pressed Stop · error: the answer broke off (partial text kept)
 * - failed: a user message that never reached the assistant
 */
export type MessageStatus = 'pending' | 'streaming' | 'done' | 'stopped' | 'error' | 'failed'

/** One bubble. Text and status are signals so a streaming answer re-renders only itself. */
export interface ChatMessage {
  key: string
  role: 'user' | 'bot'
  text: Signal<string>
  status: Signal<MessageStatus>
  error: Signal<ChatError | null>
  /** Dify's message id, once the stream (or history) has told it. */
  difyId: Signal<string | undefined>
  /** Epoch milliseconds. */
  createdAt: number
}

let nextKey = 0

export function createMessage(
  role: ChatMessage['role'],
  text: string,
  status: MessageStatus,
  createdAt: number,
): ChatMessage {
  return {
    key: `m${++nextKey}`,
    role,
    text: signal(text),
    status: signal(status),
    error: signal(null),
    difyId: signal(undefined),
    createdAt,
  }
}
