import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { readUpstreamError } from '../dify/dify-client.ts'
import { HttpError } from '../errors.ts'
import { readJsonBody } from '../http/read-json-body.ts'
import { requireText } from './api-params.ts'

const MAX_TEXT_CHARS = 20_000
const AUDIO_TYPE = /^\s*(audio\/[a-z0-9][a-z0-9.+-]*)\s*(;|$)/i

/**
 * `POST /:id/api/text-to-audio` with `{text}`: Dify's text to speech for this visitor, relayed
 * as the binary audio with its `audio/*` content type (docs/dify-wire.md#audio); any other content type
 * from upstream is a 502. Dify's `message_id` form is not offered: Dify looks the message up by id
 * alone, not by user or app (`AudioService.transcript_tts`), which would read out anyone's answer,
 * so the client sends the answer text it shows instead.
 */
export function textToAudioHandler(maxBodyBytes: number) {
  return async (c: Context<AppEnv>) => {
    const body = await readJsonBody(c.req.raw, maxBodyBytes)
    const text = requireText(body.text, 'text', 1, MAX_TEXT_CHARS)
    const upstream = await c.get('endpoint').dify.request('POST', '/text-to-audio', {
      json: { text, user: c.get('visitor').user },
      signal: c.req.raw.signal,
    })
    if (!upstream.ok) throw await readUpstreamError(upstream)
    const audioType = AUDIO_TYPE.exec(upstream.headers.get('content-type') ?? '')?.[1]
    if (!audioType || !upstream.body) {
      await upstream.body?.cancel()
      throw new HttpError(502, 'upstream_invalid_response', 'The chat service sent no audio.')
    }
    return new Response(upstream.body, {
      status: 200,
      headers: { 'Content-Type': audioType.toLowerCase(), 'Cache-Control': 'no-store' },
    })
  }
}
