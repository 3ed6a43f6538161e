import { describe, expect, it } from 'vitest'
import { cjkFontsFor } from './cjk-fonts.ts'

describe('cjkFontsFor', () => {
  it('needs no CJK font for Latin text', () => {
    expect(cjkFontsFor('Hello, café! 😀', 'en')).toEqual([])
  })

  it('picks the font by script', () => {
    expect(cjkFontsFor('안녕하세요', 'en')).toEqual(['kr'])
    expect(cjkFontsFor('こんにちは', 'en')).toEqual(['jp'])
    expect(cjkFontsFor('カタカナ', 'en')).toEqual(['jp'])
  })

  it("draws Han characters in the page language's style", () => {
    expect(cjkFontsFor('漢字', 'ja')).toEqual(['jp'])
    expect(cjkFontsFor('漢字', 'zh-Hant')).toEqual(['tc'])
    expect(cjkFontsFor('汉字', 'zh-Hans')).toEqual(['sc'])
    expect(cjkFontsFor('汉字', 'en')).toEqual(['sc'])
    expect(cjkFontsFor('韓國語 한국어', 'ko')).toEqual(['kr'])
  })

  it('finds every script in mixed text', () => {
    expect(cjkFontsFor('Hi 안녕 こんにちは 你好', 'en')).toEqual(['kr', 'jp', 'sc'])
  })
})
