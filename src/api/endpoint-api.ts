import type { ChatError } from './chat-error.ts'
import { jsonBody, requestEndpoint } from './request-json.ts'

export interface TalkRequest {
  query: string
  conversation_id?: string
  inputs: Record<string, unknown>
  files?: Array<Record<string, unknown>>
}

/** An answer on its way: the event stream and the server's id for the request (for support). */
export interface TalkResponse {
  body: ReadableStream<Uint8Array>
  requestId: string | undefined
}

/** The chat turn's way to the server: its own endpoint's paths, same origin. */
export interface EndpointApi {
  /** Resolves with the open event stream, or rejects with a ChatError. */
  talk(request: TalkRequest, signal: AbortSignal): Promise<TalkResponse>
  stop(taskId: string): Promise<void>
}

export function createEndpointApi(endpointId: string): EndpointApi {
  return {
    talk: (request, signal) => openEventStream(endpointId, '/talk', request, signal),
    async stop(taskId) {
      await requestEndpoint(endpointId, `/api/chat-messages/${encodeURIComponent(taskId)}/stop`, {
        method: 'POST',
        ...jsonBody({}),
      })
    },
  }
}

/** POSTs `body` to one of the endpoint's streaming routes (`/talk`, `/run`) and opens the answer. */
export async function openEventStream(
  endpointId: string,
  path: string,
  body: unknown,
  signal: AbortSignal,
): Promise<TalkResponse> {
  const response = await requestEndpoint(endpointId, path, {
    method: 'POST',
    ...jsonBody(body),
    signal,
  })
  const requestId = response.headers.get('X-Request-Id') ?? undefined
  if (!response.body) {
    throw { code: 'empty_response', status: 502, message: '', requestId } satisfies ChatError
  }
  return { body: response.body, requestId }
}

export function isChatError(value: unknown): value is ChatError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ChatError).code === 'string' &&
    typeof (value as ChatError).status === 'number'
  )
}
