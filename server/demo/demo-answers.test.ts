import { describe, expect, it } from 'vitest'
import { demoAnswer, longAnswer, tokenize } from './demo-answers.ts'

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

describe('tokenize', () => {
  const samples = [
    'Hello, world!',
    '안녕하세요! 저는 데모 봇이에요. 😊',
    '👍🏽👨‍👩‍👧‍👦🇯🇵🍡🍡🍡😀😀😀',
    'こんにちは、世界 🌸 中文 ✨ 𝒳𝒴𝒵',
    '',
    '😀',
  ]

  it.each(samples)('joins back to %j', (text) => {
    expect(tokenize(text).join('')).toBe(text)
  })

  it.each(samples)('never cuts a surrogate pair in %j', (text) => {
    for (const token of tokenize(text)) expect(token).not.toMatch(LONE_SURROGATE)
  })

  it('cuts tokens of 1 to 4 characters, so answers stream in small steps', () => {
    const tokens = tokenize(longAnswer(500))
    expect(tokens.length).toBeGreaterThan(100)
    expect(tokens.every((token) => token.length >= 1 && token.length <= 4)).toBe(true)
  })

  it('cuts the same text the same way every time', () => {
    expect(tokenize('deterministic tokens')).toEqual(tokenize('deterministic tokens'))
  })
})

describe('demoAnswer', () => {
  it('welcomes on the first turn and names the turn afterwards', () => {
    expect(demoAnswer('hi', 1)).toContain('chatskins demo bot')
    expect(demoAnswer('more', 2)).toContain('turn **2**')
    expect(demoAnswer('more', 3)).toContain('turn **3**')
    expect(demoAnswer('more', 4)).toBe(demoAnswer('more', 2).replaceAll('**2**', '**4**'))
  })

  it('answers in the script of the question', () => {
    expect(demoAnswer('안녕하세요', 3)).toMatch(/^안녕하세요!/)
    expect(demoAnswer('こんにちは', 1)).toMatch(/^こんにちは！/)
    expect(demoAnswer('你好', 1)).toMatch(/^你好！/)
  })
})

describe('longAnswer', () => {
  it('produces markdown of exactly the requested length', () => {
    for (const chars of [1, 100, 30_000]) expect(longAnswer(chars)).toHaveLength(chars)
    expect(longAnswer(400)).toMatch(/^## Section 0\n\n/)
    expect(longAnswer(400)).toContain('```js')
  })
})
