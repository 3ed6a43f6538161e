import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpError } from '../errors.ts'
import { multipartBody } from '../http/multipart-body.ts'
import { openStreamedUpload, uploadInterrupted } from '../http/streamed-upload.ts'
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
    const file = await readUpstreamJson(await forwardUpload(c, '/files/upload', maxBytes))
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
    const result = await readUpstreamJson(await forwardUpload(c, '/audio-to-text', maxBytes))
    return Response.json(pick(result, ['text']), { headers: { 'Cache-Control': 'no-store' } })
  }
}

/**
 * Passes the browser's one file on to Dify as it arrives, re-wrapped with this visitor's `user`
 * (every other field dropped), so no upload is ever held whole. An upload that turns out too
 * large or malformed half-way aborts the request to Dify and answers the browser's error.
 */
async function forwardUpload(c: Context<AppEnv>, path: string, maxBytes: number) {
  const stopUpstream = new AbortController()
  // Not AbortSignal.any: on Node 20 what it makes outlives the request.
  c.req.raw.signal.addEventListener('abort', () => stopUpstream.abort(), { once: true })
  const upload = await openStreamedUpload(c.req.raw, {
    maxFileBytes: maxBytes,
    onFailure: (error) => stopUpstream.abort(error),
  })
  const form = multipartBody(
    { user: c.get('visitor').user },
    { name: 'file', filename: upload.filename, contentType: upload.contentType, body: upload.body },
  )
  const failed = (error: unknown): never => {
    throw upload.failure() ?? (error instanceof HttpError ? error : uploadInterrupted())
  }
  const response = await c
    .get('endpoint')
    .dify.request('POST', path, {
      body: form.body,
      contentType: form.contentType,
      signal: stopUpstream.signal,
    })
    .catch(failed)
  if (upload.failure()) failed(undefined)
  return response
}

function pick(value: unknown, fields: readonly string[]): Record<string, unknown> {
  const source =
    value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  const result: Record<string, unknown> = {}
  for (const field of fields) if (field in source) result[field] = source[field]
  return result
}
