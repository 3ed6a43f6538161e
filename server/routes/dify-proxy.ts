import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { readUpstreamError, stopDifyTask } from '../dify/dify-client.ts'
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
      await stopDifyTask(c.get('endpoint').dify, taskId, c.get('visitor').user, c.req.raw.signal),
    )
  }
}

/** `GET /:id/api/parameters`: the app's front-end configuration (docs/dify-wire.md#parameters). */
export async function parametersHandler(c: Context<AppEnv>) {
  return relayJson(
    await c.get('endpoint').dify.request('GET', '/parameters', { signal: c.req.raw.signal }),
  )
}

export interface RelayJsonOptions {
  /**
   * The code Dify's 404 `not_found` is answered with, e.g. `conversation_not_found`: Dify says
   * `not_found` for every missing thing (docs/dify-wire.md#error-codes), but the client acts differently per
   * resource. A 404 that is not Dify's envelope (a proxy's page) keeps its generic code.
   */
  notFound?: string
}

/**
 * Answers with Dify's JSON as is on success, or its error envelope. The body is re-serialised
 * rather than piped, so nothing but JSON (no upstream headers, no HTML error page) passes through.
 */
export async function relayJson(
  upstream: Response,
  options: RelayJsonOptions = {},
): Promise<Response> {
  if (upstream.status === 204 && upstream.ok) return new Response(null, { status: 204 })
  const data = await readUpstreamJson(upstream, options)
  return Response.json(data, { status: upstream.status, headers: { 'Cache-Control': 'no-store' } })
}

/**
 * Dify's JSON body of a 2xx answer; a non-2xx answer throws its mapped HttpError (a 404 renamed
 * by `options.notFound`), and a body that is not JSON throws 502 `upstream_invalid_response`.
 */
export async function readUpstreamJson(
  upstream: Response,
  options: RelayJsonOptions = {},
): Promise<unknown> {
  if (!upstream.ok) {
    const error = await readUpstreamError(upstream)
    if (error.status === 404 && error.code === 'not_found' && options.notFound) {
      throw new HttpError(404, options.notFound, error.message)
    }
    throw error
  }
  try {
    return await upstream.json()
  } catch {
    throw new HttpError(
      502,
      'upstream_invalid_response',
      'The chat service sent an invalid answer.',
    )
  }
}
