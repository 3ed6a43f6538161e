/**
 * Media the fake serves, made in code with web-standard APIs only (the demo bot runs inside the
 * web-standard app): silent WAV audio for text to speech and `tts_message`, and an SVG image as
 * a `data:` URL for `message_file`, which the page's CSP (`img-src 'self' data: blob: https:`)
 * lets the browser show although only chatskins' origin is reachable.
 */

const SAMPLE_RATE = 8000

/**
 * A valid RIFF/WAVE file of silence: PCM, mono, 8-bit, 8 kHz (8 bytes a millisecond), so a few
 * seconds stay a few tens of kilobytes.
 */
export function silentWav(durationMs: number): Uint8Array {
  const samples = Math.max(1, Math.round((durationMs * SAMPLE_RATE) / 1000))
  const bytes = new Uint8Array(44 + samples)
  const view = new DataView(bytes.buffer)
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i)
  }
  ascii(0, 'RIFF')
  view.setUint32(4, 36 + samples, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, 16, true) // fmt chunk size
  view.setUint16(20, 1, true) // PCM
  view.setUint16(22, 1, true) // mono
  view.setUint32(24, SAMPLE_RATE, true)
  view.setUint32(28, SAMPLE_RATE, true) // byte rate: 1 byte a sample
  view.setUint16(32, 1, true) // block align
  view.setUint16(34, 8, true) // bits per sample
  ascii(36, 'data')
  view.setUint32(40, samples, true)
  bytes.fill(0x80, 44) // unsigned 8-bit silence
  return bytes
}

/** How long the fake "speaks" a text: a little per character, between 0.3 and 3 seconds. */
export function speechDurationMs(text: string): number {
  return Math.min(3000, 300 + 20 * text.length)
}

/** Standard base64 without Node's Buffer. */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000))
  }
  return btoa(binary)
}

/** The image a tool "draws" in the demo: a small bar chart. */
export const DEMO_CHART_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="160" viewBox="0 0 240 160"><rect width="240" height="160" rx="12" fill="#f4f1ff"/><rect x="30" y="90" width="36" height="50" rx="4" fill="#8b7cf6"/><rect x="82" y="60" width="36" height="80" rx="4" fill="#6d5bd0"/><rect x="134" y="30" width="36" height="110" rx="4" fill="#4c3bb0"/><rect x="186" y="75" width="36" height="65" rx="4" fill="#8b7cf6"/><text x="120" y="22" font-family="sans-serif" font-size="13" text-anchor="middle" fill="#333">demo chart</text></svg>`

export function dataUrl(mimeType: string, bytes: Uint8Array): string {
  return `data:${mimeType};base64,${toBase64(bytes)}`
}
