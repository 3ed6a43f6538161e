import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { readUpstreamError } from '../dify/dify-client.ts'
import { HttpError } from '../errors.ts'
import { readJsonBody } from '../http/read-json-body.ts'

const TASK_ID = /^[0-9A-Za-z-]{1,64}$/

/** `POST /:id/api/chat-messages/:task_id/stop`: Dify's stop, for this visitor's `user` only. */
export function stopHandler(maxBodyBytes: number) {
  return async (c: Context<AppEnv>) => {
    const taskId = c.req.param('task_id') ?? ''
    if (!TASK_ID.test(taskId)) throw new HttpError(400, 'invalid_task_id', 'task_id is not valid')
    await readJsonBody(c.req.raw, maxBodyBytes)
    return relayJson(
      await c.get('endpoint').dify.request('POST', `/chat-messages/${taskId}/stop`, {
        json: { user: c.get('visitor').user },
        signal: c.req.raw.signal,
      }),
    )
  }
}

/** `GET /:id/api/parameters`: the app's front-end configuration (dify-api.md §3.10). */
export async function parametersHandler(c: Context<AppEnv>) {
  return relayJson(
    await c.get('endpoint').dify.request('GET', '/parameters', { signal: c.req.raw.signal }),
  )
}

/**
 * Answers with Dify's JSON as is on success, or its error envelope. The body is re-serialised
 * rather than piped, so nothing but JSON (no upstream headers, no HTML error page) passes through.
 */
export async function relayJson(upstream: Response): Promise<Response> {
  if (!upstream.ok) throw await readUpstreamError(upstream)
  if (upstream.status === 204) return new Response(null, { status: 204 })
  let data: unknown
  try {
    data = await upstream.json()
  } catch {
    throw new HttpError(
      502,
      'upstream_invalid_response',
      'The chat service sent an invalid answer.',
    )
  }
  return Response.json(data, { status: upstream.status, headers: { 'Cache-Control': 'no-store' } })
}
