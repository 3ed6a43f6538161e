import { describe, expect, it } from 'vitest'
import { formatConversationDate } from './conversation-date.ts'

const NOW = new Date(2026, 2, 12, 15, 30) // Thursday 12 March 2026, 15:30 local time
const at = (date: Date) => date.getTime() / 1000

describe('formatConversationDate', () => {
  it('shows the time for today', () => {
    expect(formatConversationDate(at(new Date(2026, 2, 12, 9, 5)), NOW, 'en')).toBe('9:05 AM')
    expect(formatConversationDate(at(new Date(2026, 2, 12, 0, 1)), NOW, 'en')).toBe('12:01 AM')
  })

  it('says yesterday by calendar day, in the UI language', () => {
    const lateYesterday = at(new Date(2026, 2, 11, 23, 50))
    expect(formatConversationDate(lateYesterday, NOW, 'en')).toBe('yesterday')
    expect(formatConversationDate(lateYesterday, NOW, 'ko')).toBe('어제')
    expect(formatConversationDate(lateYesterday, NOW, 'ja')).toBe('昨日')
    expect(formatConversationDate(lateYesterday, NOW, 'zh-Hans')).toBe('昨天')
  })

  it('shows the weekday within a week, then the date', () => {
    expect(formatConversationDate(at(new Date(2026, 2, 9, 12)), NOW, 'en')).toBe('Monday')
    expect(formatConversationDate(at(new Date(2026, 2, 5, 12)), NOW, 'en')).toBe('Mar 5')
    expect(formatConversationDate(at(new Date(2026, 2, 5, 12)), NOW, 'ja')).toBe('3月5日')
    expect(formatConversationDate(at(new Date(2025, 11, 24, 12)), NOW, 'en')).toBe('Dec 24, 2025')
  })

  it('treats a time slightly ahead of the clock as today', () => {
    expect(formatConversationDate(at(new Date(2026, 2, 12, 15, 31)), NOW, 'en')).toBe('3:31 PM')
  })
})
