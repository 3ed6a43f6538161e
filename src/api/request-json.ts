import { embedRequestHeaders } from '../embedded/embed-requests.ts'
import { NETWORK_ERROR, readErrorResponse } from './chat-error.ts'

/**
 * One request to this endpoint's own server (same origin). Resolves with the response when it is
 * 2xx; rejects with a ChatError otherwise, or NETWORK_ERROR when the server can't be reached.
 * An aborted request rejects with the abort error itself.
 */
export async function requestEndpoint(
  endpointId: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  let response: Response
  try {
    response = await fetch(`/${encodeURIComponent(endpointId)}${path}`, {
      credentials: 'same-origin',
      ...init,
      headers: { ...embedRequestHeaders(), ...(init.headers as Record<string, string>) },
    })
  } catch (error) {
    if (init.signal?.aborted) throw error
    throw NETWORK_ERROR
  }
  if (!response.ok) throw await readErrorResponse(response)
  return response
}

/** A JSON request body, with the content type the server insists on for state changes. */
export function jsonBody(body: unknown): RequestInit {
  return {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  }
}
