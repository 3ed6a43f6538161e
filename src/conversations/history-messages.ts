import type { HistoryMessage } from '../api/history-api.ts'
import { createMessage, type ChatMessage } from '../chat/chat-message.ts'
import { applyHistoryExtras, userFilesOf } from '../chat/message-events.ts'

/**
 * Bubbles for a page of Dify messages (docs/dify-wire.md#messages), oldest first: each message is the
 * visitor's question (with the files sent with it) and the bot's answer. A message whose generation failed keeps its partial
 * answer in the error state. Only the answer carries Dify's id, as in a live turn, and what the
 * stream would have given it besides its text (rating, Agent steps, images, citations).
 */
export function messagesFromHistory(page: readonly HistoryMessage[]): ChatMessage[] {
  return page.flatMap((item) => {
    const createdAt = item.created_at * 1000
    const failed = item.status === 'error'
    const bot = createMessage('bot', item.answer ?? '', failed ? 'error' : 'done', createdAt)
    bot.difyId.value = item.id
    applyHistoryExtras(bot, item)
    if (failed) bot.error.value = { code: 'answer_failed', status: 0, message: item.error ?? '' }
    // Chatflow apps may take a turn with files only; there is no question to show then.
    if (!item.query) return [bot]
    const question = createMessage('user', item.query, 'done', createdAt)
    question.userFiles.value = userFilesOf(item.message_files ?? [])
    return [question, bot]
  })
}

/**
 * The part of an older page not shown yet: a turn sent while its page was loading may already be
 * in it, and one page can't overlap the next, so matching answers by Dify id is enough.
 */
export function unseenHistory(
  page: readonly HistoryMessage[],
  shown: readonly ChatMessage[],
): HistoryMessage[] {
  const seen = new Set(shown.map((message) => message.difyId.value).filter(Boolean))
  return page.filter((item) => !seen.has(item.id))
}
