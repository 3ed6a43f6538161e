import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpError } from '../errors.ts'
import { readJsonBody } from '../http/read-json-body.ts'
import { requireUuid } from './api-params.ts'
import { relayJson } from './dify-proxy.ts'

const MAX_FEEDBACK_CHARS = 2000
const NOT_FOUND = 'message_not_found'

/**
 * `POST /:id/api/messages/:mid/feedbacks` with `{rating: "like" | "dislike" | null, content?}`:
 * rates one of this visitor's answers, `null` revoking the rating; answers `{result: "success"}`
 * (docs/dify-wire.md#feedbacks). Someone else's message: 404 `message_not_found`.
 */
export function feedbackHandler(maxBodyBytes: number) {
  return async (c: Context<AppEnv>) => {
    const messageId = requireUuid(c.req.param('mid'), 'message_id')
    const body = await readJsonBody(c.req.raw, maxBodyBytes)
    const { rating, content } = body
    if (rating !== null && rating !== 'like' && rating !== 'dislike') {
      throw new HttpError(400, 'invalid_rating', 'rating must be "like", "dislike" or null')
    }
    if (
      content !== undefined &&
      (typeof content !== 'string' || content.length > MAX_FEEDBACK_CHARS)
    ) {
      throw new HttpError(
        400,
        'invalid_content',
        `content must be text of at most ${MAX_FEEDBACK_CHARS} characters`,
      )
    }
    const json = { rating, user: c.get('visitor').user, ...(content ? { content } : {}) }
    return relayJson(
      await c.get('endpoint').dify.request('POST', `/messages/${messageId}/feedbacks`, {
        json,
        signal: c.req.raw.signal,
      }),
      { notFound: NOT_FOUND },
    )
  }
}

/**
 * `GET /:id/api/messages/:mid/suggested`: follow-up questions for one of this visitor's answers,
 * `{result: "success", data: string[]}` (docs/dify-wire.md#suggested). Feature off: Dify's 400 `bad_request`.
 */
export async function suggestedHandler(c: Context<AppEnv>) {
  const messageId = requireUuid(c.req.param('mid'), 'message_id')
  return relayJson(
    await c.get('endpoint').dify.request('GET', `/messages/${messageId}/suggested`, {
      query: { user: c.get('visitor').user },
      signal: c.req.raw.signal,
    }),
    { notFound: NOT_FOUND },
  )
}
