import { describe, expect, it, vi } from 'vitest'
import { createMessage, type Rating } from './chat-message.ts'
import { createFeedback, nextRating } from './feedback.ts'

const answer = (id: string | null = 'm1') => {
  const message = createMessage('bot', 'Hi', 'done', 0)
  message.difyId.value = id ?? undefined
  return message
}

describe('nextRating', () => {
  it('sets a rating, switches it, and takes it back when pressed again', () => {
    expect(nextRating(null, 'like')).toBe('like')
    expect(nextRating('like', 'dislike')).toBe('dislike')
    expect(nextRating('like', 'like')).toBeNull()
    expect(nextRating('dislike', 'dislike')).toBeNull()
  })
})

describe('createFeedback', () => {
  it('flips the rating at once and sends each change in order', async () => {
    const sent: Array<[string, Rating]> = []
    const send = vi.fn(async (id: string, rating: Rating) => void sent.push([id, rating]))
    const { toggle } = createFeedback(send)
    const message = answer()
    const first = toggle(message, 'like')
    expect(message.feedback.value).toBe('like')
    const second = toggle(message, 'like')
    expect(message.feedback.value).toBeNull()
    expect(await Promise.all([first, second])).toEqual([true, true])
    expect(sent).toEqual([
      ['m1', 'like'],
      ['m1', null],
    ])
  })

  it('puts back the last accepted rating when Dify refuses', async () => {
    let refuse = false
    const { toggle } = createFeedback(async () => {
      if (refuse) throw { code: 'not_found', status: 404, message: 'Message Not Exists.' }
    })
    const message = answer()
    expect(await toggle(message, 'like')).toBe(true)
    refuse = true
    const pending = toggle(message, 'dislike')
    expect(message.feedback.value).toBe('dislike')
    expect(await pending).toBe(false)
    expect(message.feedback.value).toBe('like')
  })

  it('does nothing for an answer Dify has not named yet', async () => {
    const send = vi.fn(async () => {})
    expect(await createFeedback(send).toggle(answer(null), 'like')).toBe(false)
    expect(send).not.toHaveBeenCalled()
  })
})
