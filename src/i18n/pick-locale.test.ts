import { describe, expect, it } from 'vitest'
import { pickLocale, supportedLocale } from './pick-locale.ts'

describe('supportedLocale', () => {
  it.each([
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['zh_tw', 'zh-Hant'],
    ['ko-KR', 'ko'],
    ['ko', 'ko'],
    ['ja-JP', 'ja'],
    ['en-GB', 'en'],
    ['EN-us', 'en'],
  ])('%s → %s', (tag, locale) => expect(supportedLocale(tag)).toBe(locale))

  it.each(['fr-FR', 'de', '', 'english', 'x-zh'])('%s is not supported', (tag) =>
    expect(supportedLocale(tag)).toBeUndefined(),
  )
})

describe('pickLocale', () => {
  it("takes the browser's first supported language over the endpoint's", () => {
    expect(pickLocale('ko', ['ja-JP', 'en-US'])).toBe('ja')
    expect(pickLocale('ko', ['en-US'])).toBe('en')
  })

  it('skips unsupported browser languages', () => {
    expect(pickLocale('en', ['fr-FR', 'de', 'zh-TW'])).toBe('zh-Hant')
  })

  it("keeps the endpoint's locale when no browser language is supported", () => {
    expect(pickLocale('ko', ['fr-FR', 'de-DE'])).toBe('ko')
    expect(pickLocale('ja', [])).toBe('ja')
  })
})
