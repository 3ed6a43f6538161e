import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { outgoingDifyRequest, readUpstreamError, stopDifyTask } from '../dify/dify-client.ts'
import { difyOriginOf } from '../dify/dify-origin.ts'
import { HttpError } from '../errors.ts'
import { keepRunning } from '../http/keep-running.ts'
import { readJsonBody } from '../http/read-json-body.ts'
import { relayDifyStream, type RelayOptions, type RelayOutcome } from '../relay/relay-stream.ts'
import type { DirectTalk } from '../relay/direct-talk.ts'
import { validateTalkBody, type TalkLimits } from './talk-body.ts'
import type { TurnObserver } from './turn-observer.ts'

export interface TalkOptions extends TalkLimits {
  maxBodyBytes: number
  relay: Pick<
    RelayOptions,
    'idleTimeoutMs' | 'keepAliveMs' | 'maxRecordBytes' | 'drainTimeoutMs' | 'maxDurationMs'
  >
  /** The runtime's socket-to-socket fast path for endpoints with a real Dify (Node). */
  direct?: DirectTalk
  /** Timings and failures of each turn, for metrics. */
  observer?: TurnObserver
}

/** Ends of a turn where Dify would go on generating (and billing) unless told to stop. */
const STOPS_DIFY = new Set<RelayOutcome['reason']>([
  'browser_closed',
  'drain_timeout',
  'max_duration',
])

/** Never compressed or buffered by a proxy in front: every event must leave at once. */
export const STREAM_HEADERS = {
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
    const started = performance.now()
    const seconds = () => (performance.now() - started) / 1000
    const observer = options.observer
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
        observer?.firstEvent(config.id, seconds())
      },
      onFinish({ reason }) {
        releaseStreamSlot?.()
        if (reason === 'idle_timeout') observer?.upstreamTimeout(config.id)
        if (!STOPS_DIFY.has(reason) || !taskId) return
        keepRunning(
          c,
          stopDifyTask(dify, taskId, user)
            .then((response) => response.body?.cancel())
            .catch(() => {}),
        )
      },
    }
    const forgotten = (error: unknown) => {
      if (error instanceof HttpError) observer?.difyError(config.id, error.code)
      return error instanceof HttpError && error.status === 404 && talk.conversationId
        ? new HttpError(404, 'conversation_not_found', error.message)
        : error
    }

    const target = config.dify
    if (options.direct && target.kind === 'remote') {
      const outgoing = outgoingDifyRequest(target, '/chat-messages', { json })
      const answer = await options.direct
        .open(c.env, {
          url: outgoing.url.href,
          headers: outgoing.headers,
          body: outgoing.body as string,
          relay,
          signal: c.req.raw.signal,
          onUpstreamStatus: (status) => {
            c.set('upstreamStatus', status)
            observer?.difyFirstByte(config.id, seconds())
          },
        })
        .catch((error: unknown) => {
          throw forgotten(error)
        })
      if (answer) {
        c.set('directAnswer', answer)
        keepStreamSlot()
        return new Response(null, { status: 200, headers: STREAM_HEADERS })
      }
    }

    const upstream = await dify
      .request('POST', '/chat-messages', { json, signal: c.req.raw.signal })
      .catch((error: unknown) => {
        throw forgotten(error)
      })
    observer?.difyFirstByte(config.id, seconds())
    if (!upstream.ok || !upstream.body) throw forgotten(await readUpstreamError(upstream))
    keepStreamSlot()
    return new Response(relayDifyStream(upstream.body, relay, c.req.raw.signal), {
      status: 200,
      headers: STREAM_HEADERS,
    })
  }
}
