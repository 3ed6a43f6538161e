import { describe, expect, it } from 'vitest'
import { announceAnswer, LONG_ANSWER_CHARS } from './answer-announcement.ts'

describe('announceAnswer', () => {
  it('says a short answer whole, with its whitespace (table cells, lines) as single spaces', () => {
    expect(announceAnswer('Hi! I am\n\nthe demo bot.\ta\tb\n', 'en')).toEqual({
      long: false,
      text: 'Hi! I am the demo bot. a b',
    })
  })

  it('says a long answer as its first sentence and its length in characters', () => {
    const rendered = `Hi! I'm the chatskins demo bot. ${'More text here. '.repeat(100)}`
    const announced = announceAnswer(rendered, 'en')
    expect(announced).toEqual({ long: true, lead: 'Hi!', count: '1,631' })
  })

  it('cuts a long first sentence at a word and formats the count for the locale', () => {
    const rendered = `${'word '.repeat(100)}end.`
    const announced = announceAnswer(rendered, 'de')
    expect(announced.long && announced.lead.length).toBeLessThanOrEqual(160)
    expect(announced.long && announced.lead.endsWith('word')).toBe(true)
    expect(announced.long && announced.count).toBe('504')
  })

  it('finds the first sentence of Japanese text and counts characters, not code units', () => {
    const rendered = `こんにちは。${'😀'.repeat(LONG_ANSWER_CHARS)}`
    expect(announceAnswer(rendered, 'ja')).toEqual({
      long: true,
      lead: 'こんにちは。',
      count: String(LONG_ANSWER_CHARS + 6),
    })
  })
})
