import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { readUpstreamError, stopDifyTask } from '../dify/dify-client.ts'
import { HttpError } from '../errors.ts'
import { readJsonBody } from '../http/read-json-body.ts'
import { relayDifyStream, type RelayOptions } from '../relay/relay-stream.ts'
import { validateTalkBody, type TalkLimits } from './talk-body.ts'

export interface TalkOptions extends TalkLimits {
  maxBodyBytes: number
  relay: Pick<RelayOptions, 'idleTimeoutMs' | 'keepAliveMs' | 'maxRecordChars'>
}

/** Never compressed or buffered by a proxy in front: every event must leave at once. */
const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
}

/**
 * `POST /:id/talk`: sends the visitor's message to Dify's `/chat-messages` in streaming mode and
 * relays the events. Errors before the stream starts are answered as JSON envelopes with Dify's
 * status; a 404 for a given conversation_id becomes `conversation_not_found` so the client can
 * start over without losing the message. If the browser leaves, the upstream request is aborted
 * and Dify's stop API is called for the task.
 */
export function talkHandler(options: TalkOptions) {
  return async (c: Context<AppEnv>) => {
    const { dify } = c.get('endpoint')
    const { user } = c.get('visitor')
    const talk = validateTalkBody(await readJsonBody(c.req.raw, options.maxBodyBytes), options)

    const upstream = await dify.request('POST', '/chat-messages', {
      json: {
        query: talk.query,
        inputs: talk.inputs,
        files: talk.files,
        user,
        response_mode: 'streaming',
        conversation_id: talk.conversationId ?? '',
        auto_generate_name: true,
      },
      signal: c.req.raw.signal,
    })
    if (!upstream.ok || !upstream.body) {
      const error = await readUpstreamError(upstream)
      if (error.status === 404 && talk.conversationId) {
        throw new HttpError(404, 'conversation_not_found', error.message)
      }
      throw error
    }

    let taskId: string | undefined
    const releaseStreamSlot = c.get('streamSlot')?.keepUntilStreamEnds()
    const body = relayDifyStream(upstream.body, {
      ...options.relay,
      onEvent(event) {
        if (!taskId && typeof event.task_id === 'string') taskId = event.task_id
      },
      onFinish({ reason }) {
        releaseStreamSlot?.()
        if (reason !== 'browser_closed' || !taskId) return
        void stopDifyTask(dify, taskId, user)
          .then((response) => response.body?.cancel())
          .catch(() => {})
      },
    })
    return new Response(body, { status: 200, headers: STREAM_HEADERS })
  }
}
