import { ServerResponse, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { readUpstreamError } from '../dify/dify-client.ts'
import type { DirectAnswer, DirectTalk, SentStream } from '../relay/direct-talk.ts'
import { postForEventStream } from './post-for-event-stream.ts'
import { relayToServerResponse } from './relay-to-server-response.ts'

type Fetch = (request: Request, env: NodeEnv) => Response | Promise<Response>

interface NodeEnv {
  outgoing?: unknown
  /** Set by `wrap` for each request: where `open` leaves the answer the adapter will write. */
  directAnswer?: { opened?: NodeDirectAnswer }
}

/** An error answer larger than this is not Dify's envelope; the rest is not read. */
const MAX_ERROR_BYTES = 64 * 1024

export interface NodeDirectTalk {
  talk: DirectTalk
  /**
   * Wraps the app's fetch for @hono/node-server. When the route opened a direct answer, the final
   * response (after every middleware: security headers, the visitor cookie) gives the status and
   * headers written to the socket, and the relay starts; the adapter is told it was sent.
   */
  wrap(fetch: Fetch): Fetch
}

/** The adapter's side of a direct answer: the whole response is written through it. */
interface NodeDirectAnswer extends DirectAnswer {
  start(headers: Headers): void
  abort(): void
}

/** The Node fast path for `/talk`: Dify over node:http(s), events straight into the ServerResponse. */
export function createNodeDirectTalk(): NodeDirectTalk {
  return {
    talk: {
      async open(env, request) {
        const { outgoing, directAnswer } = (env ?? {}) as NodeEnv
        if (!(outgoing instanceof ServerResponse) || !directAnswer) return null
        const upstream = await postForEventStream(request.url, {
          headers: request.headers,
          body: request.body,
          signal: request.signal,
          answerTimeoutMs: request.relay.idleTimeoutMs,
        })
        const status = upstream.statusCode ?? 502
        request.onUpstreamStatus(status)
        if (status < 200 || status > 299) {
          throw await readUpstreamError(await bufferedResponse(upstream, status))
        }
        let settle!: (sent: SentStream) => void
        const answer: NodeDirectAnswer = {
          sent: new Promise((resolve) => (settle = resolve)),
          start(headers) {
            outgoing.writeHead(200, nodeHeaders(headers))
            outgoing.flushHeaders()
            relayToServerResponse(upstream, outgoing, request.relay, settle)
          },
          abort() {
            upstream.destroy()
            settle({ bytes: 0, outcome: 'aborted' })
            // The browser gets another answer: for the route, its stream is over unstarted.
            request.relay.onFinish?.({ reason: 'browser_closed', events: 0, bytes: 0 })
          },
        }
        directAnswer.opened = answer
        return answer
      },
    },
    wrap: (fetch) => async (request, env) => {
      const directAnswer: NonNullable<NodeEnv['directAnswer']> = {}
      const response = await fetch(request, { ...env, directAnswer })
      const answer = directAnswer.opened
      if (!answer) return response
      // Something after the route turned the answer into another one (an error): send that.
      if (response.status !== 200 || response.body) {
        answer.abort()
        return response
      }
      answer.start(response.headers)
      return RESPONSE_ALREADY_SENT
    },
  }
}

function nodeHeaders(headers: Headers): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = {}
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') result[name] = value
  })
  const cookies = headers.getSetCookie()
  if (cookies.length > 0) result['set-cookie'] = cookies
  return result
}

/** Dify's error answer as a web Response, for readUpstreamError. */
async function bufferedResponse(upstream: IncomingMessage, status: number): Promise<Response> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of upstream as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > MAX_ERROR_BYTES) break
      chunks.push(chunk)
    }
  } catch {
    // A broken error answer reads as an unavailable upstream.
  }
  upstream.destroy()
  return new Response(size > MAX_ERROR_BYTES ? '' : Buffer.concat(chunks), {
    status: status <= 599 ? status : 502,
  })
}
