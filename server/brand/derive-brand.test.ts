import { describe, expect, it } from 'vitest'
import { contrast, parseHex, rgbToOklch } from './color.ts'
import { deriveBrand } from './derive-brand.ts'

const white = parseHex('#ffffff')!
const black = parseHex('#000000')!
const surfaces = { light: [white], dark: [parseHex('#1c232b')!] }
const channels = (pair: string) =>
  /^light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)$/
    .exec(pair)!
    .slice(1)
    .map((hex) => parseHex(hex)!)

describe('deriveBrand', () => {
  it('keeps an accent that already reads on both schemes', () => {
    const brand = deriveBrand('#6d28d9', { light: [white], dark: [parseHex('#f0f0f0')!] }, [
      'accent',
    ])
    expect(brand.tokens['--cs-accent']).toBe('light-dark(#6d28d9, #6d28d9)')
    expect(brand.adjustments).toEqual([])
  })

  it('darkens a yellow for light text, names the old and new contrast, keeps the hue', () => {
    const brand = deriveBrand('#ffe600', surfaces, ['accent', 'focus', 'user-bubble'])
    const [light, dark] = channels(brand.tokens['--cs-accent']!)
    expect(contrast(light!, white)).toBeGreaterThanOrEqual(4.5)
    expect(contrast(dark!, surfaces.dark[0]!)).toBeGreaterThanOrEqual(4.5)
    expect(Math.abs(rgbToOklch(light!).h - rgbToOklch(parseHex('#ffe600')!).h)).toBeLessThan(8)
    expect(brand.adjustments).toEqual([
      expect.stringMatching(
        /^light: accent #ffe600 on #ffffff is 1\.3:1; using #[0-9a-f]{6} for text$/,
      ),
    ])
    // A fill keeps the brand colour itself, with whichever text reads on it.
    expect(brand.tokens['--cs-user-bubble']).toBe('light-dark(#ffe600, #ffe600)')
    const [onBubble] = channels(brand.tokens['--cs-on-user-bubble']!)
    expect(contrast(onBubble!, parseHex('#ffe600')!)).toBeGreaterThanOrEqual(4.5)
    const [onAccentLight, onAccentDark] = channels(brand.tokens['--cs-on-accent']!)
    expect(contrast(onAccentLight!, light!)).toBeGreaterThanOrEqual(4.5)
    expect(contrast(onAccentDark!, dark!)).toBeGreaterThanOrEqual(4.5)
  })

  it('lightens a dark navy on a dark scheme', () => {
    const brand = deriveBrand('#1e3a8a', { light: [white], dark: [black] }, ['accent'])
    const [, dark] = channels(brand.tokens['--cs-accent']!)
    expect(contrast(dark!, black)).toBeGreaterThanOrEqual(4.5)
    expect(brand.adjustments).toHaveLength(1)
    expect(brand.adjustments[0]).toMatch(/^dark: accent #1e3a8a on #000000/)
  })

  it('sets only the tokens the pack lets follow', () => {
    expect(Object.keys(deriveBrand('#e11d48', surfaces, ['focus']).tokens)).toEqual(['--cs-focus'])
  })
})
