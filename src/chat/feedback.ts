import type { ReadonlySignal, Signal } from '@preact/signals'
import type { Rating } from './chat-message.ts'

/** Anything the visitor can rate: a chat answer, a text generator's result. */
export interface Rateable {
  difyId: ReadonlySignal<string | undefined>
  feedback: Signal<Rating>
}

/** Pressing the rating an answer already has takes it back (Dify: `rating: null`). */
export function nextRating(current: Rating, pressed: 'like' | 'dislike'): Rating {
  return current === pressed ? null : pressed
}

export type SendRating = (messageId: string, rating: Rating) => Promise<void>

/**
 * Rates answers optimistically: the buttons flip at once, the requests for one answer go out in
 * order, and a refused request puts back the last rating Dify accepted.
 */
export function createFeedback(send: SendRating) {
  const confirmed = new WeakMap<Rateable, Rating>()
  const queues = new WeakMap<Rateable, Promise<unknown>>()

  /** Resolves false when Dify refused the change (the shown rating is back to the saved one). */
  const toggle = (message: Rateable, pressed: 'like' | 'dislike'): Promise<boolean> => {
    const id = message.difyId.value
    if (!id) return Promise.resolve(false)
    if (!confirmed.has(message)) confirmed.set(message, message.feedback.value)
    const rating = nextRating(message.feedback.value, pressed)
    message.feedback.value = rating
    const result = (queues.get(message) ?? Promise.resolve()).then(() =>
      send(id, rating).then(
        () => {
          confirmed.set(message, rating)
          return true
        },
        () => {
          message.feedback.value = confirmed.get(message) ?? null
          return false
        },
      ),
    )
    queues.set(message, result)
    return result
  }

  return { toggle }
}

export type Feedback = ReturnType<typeof createFeedback>
