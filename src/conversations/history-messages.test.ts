import { describe, expect, it } from 'vitest'
import type { HistoryMessage } from '../api/history-api.ts'
import { createMessage } from '../chat/chat-message.ts'
import { messagesFromHistory, unseenHistory } from './history-messages.ts'

function historyMessage(id: string, overrides: Partial<HistoryMessage> = {}): HistoryMessage {
  return {
    id,
    conversation_id: 'c1',
    query: `question ${id}`,
    answer: `answer ${id}`,
    created_at: 1_700_000_000,
    status: 'normal',
    error: null,
    feedback: null,
    ...overrides,
  }
}

describe('messagesFromHistory', () => {
  it("puts the visitor's own files on the question: images with a thumbnail, others by name", () => {
    const [question, answer] = messagesFromHistory([
      historyMessage('m1', {
        message_files: [
          {
            id: 'f1',
            filename: 'cat.png',
            type: 'image',
            belongs_to: 'user',
            url: 'https://d/f1?sign=1',
          },
          {
            id: 'f2',
            filename: 'cv.pdf',
            type: 'document',
            belongs_to: 'user',
            url: 'https://d/f2',
          },
          {
            id: 'f3',
            filename: 'x.png',
            type: 'image',
            belongs_to: 'user',
            url: 'javascript:alert(1)',
          },
          { id: 't1', type: 'image', belongs_to: 'assistant', url: 'https://d/t1.png' },
        ],
      }),
    ])
    expect(question?.userFiles.value).toEqual([
      { id: 'f1', name: 'cat.png', type: 'image', imageUrl: 'https://d/f1?sign=1' },
      { id: 'f2', name: 'cv.pdf', type: 'document', imageUrl: undefined },
      { id: 'f3', name: 'x.png', type: 'image', imageUrl: undefined },
    ])
    expect(answer?.userFiles.value).toEqual([])
    expect(answer?.files.value).toEqual([{ id: 't1', url: 'https://d/t1.png' }])
  })

  it('makes a question and an answer bubble per Dify message, in page order', () => {
    const messages = messagesFromHistory([historyMessage('a'), historyMessage('b')])
    expect(messages.map((message) => [message.role, message.text.value])).toEqual([
      ['user', 'question a'],
      ['bot', 'answer a'],
      ['user', 'question b'],
      ['bot', 'answer b'],
    ])
    expect(messages.every((message) => message.status.value === 'done')).toBe(true)
    expect(new Set(messages.map((message) => message.key)).size).toBe(4)
  })

  it('gives the answer its Dify id and both bubbles the time in milliseconds', () => {
    const [user, bot] = messagesFromHistory([historyMessage('a', { created_at: 1_700_000_123 })])
    expect(bot?.difyId.value).toBe('a')
    expect(user?.difyId.value).toBeUndefined()
    expect(user?.createdAt).toBe(1_700_000_123_000)
    expect(bot?.createdAt).toBe(1_700_000_123_000)
  })

  it('gives the answer the rest of what its stream gave: the rating, citations', () => {
    const [, bot] = messagesFromHistory([
      historyMessage('a', {
        feedback: { rating: 'like' },
        retriever_resources: [{ position: 1, document_name: 'Guide.pdf', content: 'Page 3' }],
      }),
    ])
    expect(bot?.feedback.value).toBe('like')
    expect(bot?.citations.value).toHaveLength(1)
  })

  it('keeps a failed answer in the error state with its partial text', () => {
    const [, bot] = messagesFromHistory([
      historyMessage('a', { status: 'error', answer: 'half an ans', error: 'provider broke' }),
    ])
    expect(bot?.status.value).toBe('error')
    expect(bot?.text.value).toBe('half an ans')
    expect(bot?.error.value).toMatchObject({ code: 'answer_failed', message: 'provider broke' })
  })

  it('shows no question bubble for a turn without one, and tolerates a null answer', () => {
    const messages = messagesFromHistory([historyMessage('a', { query: '', answer: null })])
    expect(messages.map((message) => [message.role, message.text.value])).toEqual([['bot', '']])
  })
})

describe('unseenHistory', () => {
  it('drops the messages whose answers are already shown', () => {
    const shown = createMessage('bot', 'live answer', 'streaming', 0)
    shown.difyId.value = 'b'
    const pending = createMessage('bot', '', 'pending', 0)
    const page = [historyMessage('a'), historyMessage('b')]
    expect(unseenHistory(page, [shown, pending]).map((item) => item.id)).toEqual(['a'])
    expect(unseenHistory(page, [])).toEqual(page)
  })
})
