import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { readMultipartFile } from '../http/read-multipart-file.ts'
import { readUpstreamJson } from './dify-proxy.ts'

/** What the client needs of Dify's file object; signed URLs and tenant ids stay on the server. */
const UPLOAD_FIELDS = ['id', 'name', 'size', 'extension', 'mime_type'] as const

/**
 * `POST /:id/api/files/upload` (multipart, one part `file` of at most `maxBytes`): uploads the
 * file to Dify as this visitor's `user` and answers 201 `{id, name, size, extension, mime_type}`
 * (docs/dify-wire.md#files). The id goes into `/talk`'s `files` as a `local_file` of the same visitor.
 */
export function uploadHandler(maxBytes: number) {
  return async (c: Context<AppEnv>) => {
    const form = await forwardForm(c, maxBytes)
    const upstream = await c.get('endpoint').dify.request('POST', '/files/upload', {
      body: form,
      signal: c.req.raw.signal,
    })
    const file = await readUpstreamJson(upstream)
    return Response.json(pick(file, UPLOAD_FIELDS), {
      status: 201,
      headers: { 'Cache-Control': 'no-store' },
    })
  }
}

/**
 * `POST /:id/api/audio-to-text` (multipart, one part `file` of at most `maxBytes`): Dify's
 * speech to text for this visitor, answered as `{text}` (docs/dify-wire.md#audio).
 */
export function audioToTextHandler(maxBytes: number) {
  return async (c: Context<AppEnv>) => {
    const form = await forwardForm(c, maxBytes)
    const upstream = await c.get('endpoint').dify.request('POST', '/audio-to-text', {
      body: form,
      signal: c.req.raw.signal,
    })
    const result = await readUpstreamJson(upstream)
    return Response.json(pick(result, ['text']), { headers: { 'Cache-Control': 'no-store' } })
  }
}

/** The browser's one file, re-wrapped with this visitor's `user`; every other field is dropped. */
async function forwardForm(c: Context<AppEnv>, maxBytes: number): Promise<FormData> {
  const file = await readMultipartFile(c.req.raw, maxBytes)
  const form = new FormData()
  form.append('file', file, file.name)
  form.append('user', c.get('visitor').user)
  return form
}

function pick(value: unknown, fields: readonly string[]): Record<string, unknown> {
  const source =
    value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  const result: Record<string, unknown> = {}
  for (const field of fields) if (field in source) result[field] = source[field]
  return result
}
