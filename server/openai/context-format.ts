import type { ChatMessage } from './chat-request.ts'

/**
 * The Dify `query` that starts a new conversation from a history Dify has not seen (an edited
 * history, a restart, another instance): the earlier messages as a tagged transcript, then the
 * new message (docs/openai-api.md "Context format"). Images of earlier messages are named, not
 * re-sent. Without earlier messages the query is the new message alone.
 */
export function queryWithContext(earlier: readonly ChatMessage[], latest: string): string {
  if (earlier.length === 0) return latest
  const turns = earlier.map((message) => {
    const images = message.images.map(
      (url) => `[image: ${url.startsWith('data:') ? 'inline' : url}]`,
    )
    const text = [message.text, ...images].filter((part) => part !== '').join('\n')
    return `<${message.role}>\n${text}\n</${message.role}>`
  })
  return `<conversation_history>\n${turns.join('\n')}\n</conversation_history>\n\n${latest}`
}
