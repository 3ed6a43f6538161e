import type { RelayOptions } from './relay-core.ts'

export interface DirectTalkRequest {
  /** Dify's `/chat-messages` URL. */
  url: string
  headers: Record<string, string>
  body: string
  relay: RelayOptions
  /** The browser's request signal: aborts the upstream request until Dify answers. */
  signal: AbortSignal
  /** Dify's HTTP status, once it answers (for the request log), also for an error answer. */
  onUpstreamStatus(status: number): void
}

export interface SentStream {
  bytes: number
  /** `aborted`: the browser left before the end. */
  outcome: 'complete' | 'aborted'
}

/**
 * One `/talk` answer that the runtime relays straight to the browser's socket: the route opens
 * it, the runtime's server adapter writes it once every middleware has set the final headers,
 * and the request log reads from it how it ended.
 */
export interface DirectAnswer {
  /** Settles when the answer is over: what reached the browser's socket, and how it ended. */
  sent: Promise<SentStream>
}

/**
 * A runtime's own fast path for `/talk` (Node: server/node/node-direct-talk.ts): it reads Dify with
 * the runtime's HTTP client and writes the relayed events straight to the browser's socket,
 * skipping fetch and two web streams. `open` resolves null when the request did not come
 * through that runtime's server, and the caller takes the web path; a non-2xx Dify answer
 * rejects with its HttpError (readUpstreamError). With an answer, the route responds 200 with no
 * body: the adapter writes that response's final headers, then the events.
 */
export interface DirectTalk {
  open(env: unknown, request: DirectTalkRequest): Promise<DirectAnswer | null>
}
