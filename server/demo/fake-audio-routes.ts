import type { Hono } from 'hono'
import { featureEnabled } from './fake-apps.ts'
import { difyError } from './dify-errors.ts'
import type { FakeEnv } from './fake-env.ts'
import { silentWav, speechDurationMs } from './fake-media.ts'
import { readJson, readUploadForm } from './fake-request.ts'

const AUDIO_TYPES = ['mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'wav', 'webm', 'amr'].map(
  (extension) => `audio/${extension}`,
)
const MAX_AUDIO_BYTES = 30 * 1024 * 1024

/** One `/text-to-audio` call as the fake received it, for tests to inspect. */
export interface SpeechRequest {
  user: string | undefined
  text: string | undefined
  message_id: string | undefined
}

/**
 * `POST /audio-to-text` (multipart) → `{text}`, and `POST /text-to-audio` (JSON) → binary
 * `audio/wav`, each 400 when the app has the feature off (docs/dify-wire.md#audio). Like Dify's
 * `AudioService`, a `message_id` is looked up by id alone, whoever's message it is, and an
 * unknown one answers a JSON `null` with status 200.
 */
export function registerAudioRoutes(
  app: Hono<FakeEnv>,
  onSpeak: (request: SpeechRequest) => void,
): void {
  app.post('/audio-to-text', async (c) => {
    if (!featureEnabled(c.get('app'), 'speech_to_text')) {
      return difyError(400, 'invalid_param', 'Speech to text is not enabled')
    }
    const form = await readUploadForm(c)
    const file = form?.files.find(([name]) => name === 'file')?.[1]
    if (!file) return difyError(400, 'no_audio_uploaded', 'Please upload your audio.')
    if (!AUDIO_TYPES.includes(file.type.split(';')[0]!.trim().toLowerCase())) {
      return difyError(415, 'unsupported_audio_type', 'Audio type not allowed.')
    }
    if (file.size > MAX_AUDIO_BYTES) {
      return difyError(413, 'audio_too_large', 'Audio size larger than 30 mb')
    }
    return c.json({ text: `Hello from your voice (${file.size} bytes)` })
  })

  app.post('/text-to-audio', async (c) => {
    const body = (await readJson(c)) ?? {}
    const request = {
      user: typeof body.user === 'string' ? body.user : undefined,
      text: typeof body.text === 'string' ? body.text : undefined,
      message_id: typeof body.message_id === 'string' ? body.message_id : undefined,
    }
    onSpeak(request)
    if (!featureEnabled(c.get('app'), 'text_to_speech')) {
      return difyError(400, 'invalid_param', 'TTS is not enabled')
    }
    let text = request.text
    if (request.message_id) {
      const message = c.get('store').findMessageOfAnyone(request.message_id)
      if (!message) return c.json(null)
      text = message.answer
    }
    if (!text?.trim()) return difyError(400, 'invalid_param', 'Text is required')
    return new Response(silentWav(speechDurationMs(text)) as Uint8Array<ArrayBuffer>, {
      headers: { 'Content-Type': 'audio/wav' },
    })
  })
}
