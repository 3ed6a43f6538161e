/**
 * Joins the base64 `audio` of `tts_message` events, in order, into one file's bytes
 * (docs/dify-wire.md#stream-events). Each chunk is decoded on its own: Dify cuts the audio bytes, not the base64
 * text, so a chunk may end with padding.
 */
export function joinBase64Chunks(chunks: readonly string[]): Uint8Array {
  const parts = chunks.filter((chunk) => chunk !== '').map(decodeBase64)
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let offset = 0
  for (const part of parts) {
    joined.set(part, offset)
    offset += part.length
  }
  return joined
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** The audio type of the joined bytes: Dify's providers send MP3; the fake Dify sends WAV. */
export function audioTypeOf(bytes: Uint8Array): string {
  const riff = bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46
  return riff ? 'audio/wav' : 'audio/mpeg'
}
