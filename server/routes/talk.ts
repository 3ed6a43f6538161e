import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { readUpstreamError, stopDifyTask } from '../dify/dify-client.ts'
import { difyOriginOf } from '../dify/dify-origin.ts'
import { HttpError } from '../errors.ts'
import { readJsonBody } from '../http/read-json-body.ts'
import { relayDifyStream, type RelayOptions, type RelayOutcome } from '../relay/relay-stream.ts'
import type { DirectTalk, SentStream } from './direct-talk.ts'
import { validateTalkBody, type TalkLimits } from './talk-body.ts'

export interface TalkOptions extends TalkLimits {
  maxBodyBytes: number
  relay: Pick<
    RelayOptions,
    'idleTimeoutMs' | 'keepAliveMs' | 'maxRecordBytes' | 'drainTimeoutMs' | 'maxDurationMs'
  >
  /** The runtime's socket-to-socket road for endpoints with a real Dify (Node). */
  direct?: DirectTalk
}

/** Ends of a turn where Dify would go on generating (and billing) unless told to stop. */
const STOPS_DIFY = new Set<RelayOutcome['reason']>([
  'browser_closed',
  'drain_timeout',
  'max_duration',
])

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
    const { dify, config } = c.get('endpoint')
    const { user } = c.get('visitor')
    const talk = validateTalkBody(await readJsonBody(c.req.raw, options.maxBodyBytes), options)
    const json = {
      query: talk.query,
      inputs: talk.inputs,
      files: talk.files,
      user,
      response_mode: 'streaming',
      conversation_id: talk.conversationId ?? '',
      auto_generate_name: true,
    }
    let taskId: string | undefined
    // Held from when the stream starts until the relay finishes (costly-route-limits.ts).
    let releaseStreamSlot: (() => void) | undefined
    const keepStreamSlot = () => (releaseStreamSlot = c.get('streamSlot')?.keepUntilStreamEnds())
    const relay: RelayOptions = {
      ...options.relay,
      idleTimeoutMs: config.upstreamIdleTimeoutMs ?? options.relay.idleTimeoutMs,
      drainTimeoutMs: config.browserDrainTimeoutMs ?? options.relay.drainTimeoutMs,
      maxDurationMs: config.maxAnswerMs ?? options.relay.maxDurationMs,
      difyOrigin: difyOriginOf(config),
      onTaskId(id) {
        taskId = id
      },
      onFinish({ reason }) {
        releaseStreamSlot?.()
        if (!STOPS_DIFY.has(reason) || !taskId) return
        void stopDifyTask(dify, taskId, user)
          .then((response) => response.body?.cancel())
          .catch(() => {})
      },
    }
    const forgotten = (error: unknown) =>
      error instanceof HttpError && error.status === 404 && talk.conversationId
        ? new HttpError(404, 'conversation_not_found', error.message)
        : error

    const target = config.dify
    if (options.direct && target.kind === 'remote') {
      let resolveSent!: (sent: SentStream) => void
      c.set('directStreamSent', new Promise((resolve) => (resolveSent = resolve)))
      const direct = await options.direct
        .open(c.env, {
          url: `${target.apiBase}/chat-messages`,
          headers: { Authorization: `Bearer ${target.apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(json),
          relay,
          signal: c.req.raw.signal,
          onUpstreamStatus: (status) => c.set('upstreamStatus', status),
          onSent: resolveSent,
        })
        .catch((error: unknown) => {
          throw forgotten(error)
        })
      if (direct) {
        keepStreamSlot()
        return new Response(null, { status: 200, headers: STREAM_HEADERS })
      }
    }

    const upstream = await dify.request('POST', '/chat-messages', {
      json,
      signal: c.req.raw.signal,
    })
    if (!upstream.ok || !upstream.body) throw forgotten(await readUpstreamError(upstream))
    keepStreamSlot()
    return new Response(relayDifyStream(upstream.body, relay), {
      status: 200,
      headers: STREAM_HEADERS,
    })
  }
}
