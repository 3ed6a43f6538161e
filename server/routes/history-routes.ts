import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { readUpstreamError } from '../dify/dify-client.ts'
import { HttpError } from '../errors.ts'
import { difyOriginOf } from '../dify/dify-origin.ts'
import { optionalChoice, optionalLimit, optionalUuid, requireUuid } from './api-params.ts'
import { readUpstreamJson, relayJson } from './dify-proxy.ts'
import { withAbsoluteFileUrls } from '../relay/message-file-urls.ts'

const SORTS = ['created_at', '-created_at', 'updated_at', '-updated_at'] as const

/**
 * `GET /:id/api/messages?conversation_id=&first_id=&limit=`: one page of a conversation of this
 * visitor's, newest page first, oldest first within the page (docs/dify-wire.md#messages). A conversation
 * that is unknown or someone else's answers 404 `conversation_not_found`; an unknown `first_id`
 * 404 `first_message_not_found`. File URLs come back absolute (Dify may give relative ones).
 */
export async function messagesHandler(c: Context<AppEnv>) {
  const query = {
    conversation_id: requireUuid(c.req.query('conversation_id'), 'conversation_id'),
    first_id: optionalUuid(c.req.query('first_id'), 'first_id'),
    limit: optionalLimit(c.req.query('limit')),
    user: c.get('visitor').user,
  }
  const upstream = await c.get('endpoint').dify.request('GET', '/messages', {
    query,
    signal: c.req.raw.signal,
  })
  if (upstream.status === 404) {
    const error = await readUpstreamError(upstream)
    if (error.code !== 'not_found') throw error
    // Dify checks the conversation first, then says "First Message Not Exists." for first_id.
    const firstMissing = query.first_id !== undefined && /first message/i.test(error.message)
    const code = firstMissing ? 'first_message_not_found' : 'conversation_not_found'
    throw new HttpError(404, code, error.message)
  }
  const origin = difyOriginOf(c.get('endpoint').config)
  if (!origin) return relayJson(upstream)
  return Response.json(withAbsoluteFileUrls(await readUpstreamJson(upstream), origin), {
    headers: { 'Cache-Control': 'no-store' },
  })
}

/**
 * `GET /:id/api/conversations?last_id=&limit=&sort_by=`: this visitor's conversations, keyset
 * paged after `last_id` (docs/dify-wire.md#conversations). An unknown `last_id` is Dify's 404 `not_found`.
 */
export async function conversationsHandler(c: Context<AppEnv>) {
  const query = {
    last_id: optionalUuid(c.req.query('last_id'), 'last_id'),
    limit: optionalLimit(c.req.query('limit')),
    sort_by: optionalChoice(c.req.query('sort_by'), 'sort_by', SORTS),
    user: c.get('visitor').user,
  }
  return relayJson(
    await c.get('endpoint').dify.request('GET', '/conversations', {
      query,
      signal: c.req.raw.signal,
    }),
  )
}
