import { silentWav, speechDurationMs, toBase64 } from './fake-media.ts'
import type { SseWriter } from './sse-writer.ts'

const CHUNKS = 4

/**
 * Read-aloud while streaming (`text_to_speech.autoPlay: "enabled"`, docs/dify-wire.md#tts-message): the
 * answer's audio as `tts_message` events interleaved with the text, then `tts_message_end` with
 * `audio: ""` after `message_end`. The chunks are pieces of one `audio/wav` file (Dify sends MP3);
 * a client joins the decoded chunks in order, as for Dify's MP3 stream.
 */
export function createTtsStream(
  writer: SseWriter,
  envelope: Record<string, unknown>,
  answer: string,
) {
  const audio = silentWav(speechDurationMs(answer))
  const size = Math.ceil(audio.length / CHUNKS)
  let sent = 0
  const send = () => {
    const chunk = audio.subarray(sent * size, (sent + 1) * size)
    sent++
    writer.data({ event: 'tts_message', ...envelope, audio: toBase64(chunk) })
  }
  return {
    /** After text token `index` of `count`: sends the chunks due by then. */
    afterToken(index: number, count: number) {
      while (sent < CHUNKS && (index + 1) / count >= (sent + 1) / (CHUNKS + 1)) send()
    },
    /** Before `message_end`: whatever is left of the audio. */
    flush() {
      while (sent < CHUNKS) send()
    },
    /** After `message_end`: the end marker. */
    end() {
      writer.data({ event: 'tts_message_end', ...envelope, audio: '' })
    },
  }
}
