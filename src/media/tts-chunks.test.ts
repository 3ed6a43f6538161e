import { describe, expect, it } from 'vitest'
import { audioTypeOf, joinBase64Chunks } from './tts-chunks.ts'

const base64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes))

describe('joinBase64Chunks', () => {
  it('decodes each chunk and joins them in order', () => {
    const bytes = Array.from({ length: 20 }, (_, i) => (i * 37) % 256)
    // Cut at byte boundaries that leave padding inside the stream, as Dify's chunks do.
    const chunks = [base64(bytes.slice(0, 7)), base64(bytes.slice(7, 8)), base64(bytes.slice(8))]
    expect(chunks[0]).toMatch(/=$/)
    expect([...joinBase64Chunks(chunks)]).toEqual(bytes)
  })

  it('skips the empty audio of tts_message_end', () => {
    expect([...joinBase64Chunks(['', base64([1, 2, 3]), ''])]).toEqual([1, 2, 3])
    expect(joinBase64Chunks([]).length).toBe(0)
  })
})

describe('audioTypeOf', () => {
  it('tells WAV from MP3', () => {
    expect(audioTypeOf(new TextEncoder().encode('RIFF....WAVE'))).toBe('audio/wav')
    expect(audioTypeOf(new Uint8Array([0xff, 0xfb, 0x90]))).toBe('audio/mpeg')
  })
})
