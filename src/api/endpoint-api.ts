import { NETWORK_ERROR, readErrorResponse, type ChatError } from './chat-error.ts'

export interface TalkRequest {
  query: string
  conversation_id?: string
  inputs: Record<string, unknown>
}

/** The client's only way to the server: its own endpoint's paths, same origin. */
export interface EndpointApi {
  /** Resolves with the open event stream, or rejects with a ChatError. */
  talk(request: TalkRequest, signal: AbortSignal): Promise<ReadableStream<Uint8Array>>
  stop(taskId: string): Promise<void>
}

export function createEndpointApi(endpointId: string): EndpointApi {
  const base = `/${encodeURIComponent(endpointId)}`
  const postJson = async (path: string, body: unknown, signal?: AbortSignal) => {
    try {
      return await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'text/event-stream, application/json',
        },
        body: JSON.stringify(body),
        credentials: 'same-origin',
        ...(signal ? { signal } : {}),
      })
    } catch (error) {
      if (signal?.aborted) throw error
      throw NETWORK_ERROR
    }
  }
  return {
    async talk(request, signal) {
      const response = await postJson('/talk', request, signal)
      if (!response.ok || !response.body) throw await readErrorResponse(response)
      return response.body
    },
    async stop(taskId) {
      const response = await postJson(`/api/chat-messages/${encodeURIComponent(taskId)}/stop`, {})
      if (!response.ok) throw await readErrorResponse(response)
    },
  }
}

export function isChatError(value: unknown): value is ChatError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ChatError).code === 'string' &&
    typeof (value as ChatError).status === 'number'
  )
}
