import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { readUpstreamError } from '../dify/dify-client.ts'
import { HttpError } from '../errors.ts'
import { readJsonBody } from '../http/read-json-body.ts'
import { requireText, requireUuid } from './api-params.ts'
import { relayJson } from './dify-proxy.ts'

const MAX_NAME_CHARS = 200

export type AutoNameLimit = (c: Context<AppEnv>) => Promise<Response | null>
const NOT_FOUND = 'conversation_not_found'

/**
 * `POST /:id/api/conversations/:cid/name` with `{name}` (1..200 characters) or
 * `{auto_generate: true}`: renames one of this visitor's conversations and answers the
 * conversation object (docs/dify-wire.md#rename). Someone else's conversation: 404 `conversation_not_found`.
 * Only `auto_generate` runs the LLM, so only it counts against `autoNameLimit`; a plain rename is
 * a database write, as cheap as the history reads, which no budget limits either.
 */
export function renameHandler(maxBodyBytes: number, autoNameLimit?: AutoNameLimit) {
  return async (c: Context<AppEnv>) => {
    const conversationId = requireUuid(c.req.param('cid'), 'conversation_id')
    const body = await readJsonBody(c.req.raw, maxBodyBytes)
    const rename =
      body.auto_generate === true
        ? { auto_generate: true }
        : { name: requireText(body.name, 'name', 1, MAX_NAME_CHARS), auto_generate: false }
    const refused = rename.auto_generate ? await autoNameLimit?.(c) : null
    if (refused) return refused
    const upstream = await c
      .get('endpoint')
      .dify.request('POST', `/conversations/${conversationId}/name`, {
        json: { ...rename, user: c.get('visitor').user },
        signal: c.req.raw.signal,
      })
    return relayJson(upstream, { notFound: NOT_FOUND })
  }
}

/**
 * `DELETE /:id/api/conversations/:cid` (body `{}`): deletes one of this visitor's conversations,
 * answering 204. Dify ~1.8 to early 2026 deleted by id alone, whoever asked (docs/dify-wire.md#delete-conversation,
 * #user-scoping), so ownership is checked here first with a user-scoped `/messages` read; only a 200 there
 * lets the delete through; a 404 or 400 there is 404 `conversation_not_found`, any other answer is
 * relayed as the error it is, and nothing is deleted.
 */
export function deleteHandler(maxBodyBytes: number) {
  return async (c: Context<AppEnv>) => {
    const conversationId = requireUuid(c.req.param('cid'), 'conversation_id')
    await readJsonBody(c.req.raw, maxBodyBytes)
    const { dify } = c.get('endpoint')
    const { user } = c.get('visitor')
    const signal = c.req.raw.signal

    const owned = await dify.request('GET', '/messages', {
      query: { conversation_id: conversationId, user, limit: '1' },
      signal,
    })
    if (owned.status !== 200) {
      const error = await readUpstreamError(owned)
      // Fail closed either way; only a 4xx about the id says "not yours", so an outage isn't
      // mistaken by the client for a conversation that is already gone.
      if (error.status === 404 || error.status === 400) {
        throw new HttpError(404, NOT_FOUND, 'Conversation Not Exists.')
      }
      throw error.status >= 400 ? error : new HttpError(502, error.code, error.message)
    }
    await owned.body?.cancel()

    const upstream = await dify.request('DELETE', `/conversations/${conversationId}`, {
      json: { user },
      signal,
    })
    if (upstream.ok) {
      await upstream.body?.cancel()
      return new Response(null, { status: 204 })
    }
    return relayJson(upstream, { notFound: NOT_FOUND })
  }
}
