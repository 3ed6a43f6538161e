import { describe, expect, it } from 'vitest'
import { DEMO_CHART_SVG, dataUrl, silentWav, speechDurationMs, toBase64 } from './fake-media.ts'

describe('silentWav', () => {
  it('writes a RIFF/WAVE PCM header whose sizes match the data', () => {
    const wav = silentWav(250)
    const view = new DataView(wav.buffer)
    const ascii = (at: number) => String.fromCharCode(...wav.subarray(at, at + 4))
    expect([ascii(0), ascii(8), ascii(12), ascii(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data'])
    expect(view.getUint32(4, true)).toBe(wav.length - 8)
    expect(view.getUint16(20, true)).toBe(1)
    expect(view.getUint32(24, true)).toBe(8000)
    expect(view.getUint32(40, true)).toBe(2000)
    expect(wav.length).toBe(44 + 2000)
    expect(wav.subarray(44).every((sample) => sample === 0x80)).toBe(true)
  })

  it('has at least one sample', () => {
    expect(silentWav(0).length).toBe(45)
  })
})

describe('speechDurationMs', () => {
  it('grows with the text and is capped', () => {
    expect(speechDurationMs('')).toBe(300)
    expect(speechDurationMs('hello')).toBe(400)
    expect(speechDurationMs('x'.repeat(10_000))).toBe(3000)
  })
})

describe('toBase64 / dataUrl', () => {
  it('matches the platform encoder, also past one chunk', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256)
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
  })

  it('makes a data URL of the demo chart', () => {
    const url = dataUrl('image/svg+xml', new TextEncoder().encode(DEMO_CHART_SVG))
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true)
    expect(Buffer.from(url.split(',')[1]!, 'base64').toString()).toBe(DEMO_CHART_SVG)
  })
})
