import type { Rating } from '../chat/chat-message.ts'
import { jsonBody, requestEndpoint } from './request-json.ts'

/** The app-level Dify calls beside the chat turn (docs/dify-wire.md#feedbacks to #parameters); errors are ChatErrors. */
export interface AppApi {
  /** The raw `GET /parameters` JSON. */
  parameters(): Promise<unknown>
  feedback(messageId: string, rating: Rating): Promise<void>
  /** Follow-up questions for an answer (rejects when the app has them switched off). */
  suggested(messageId: string, signal?: AbortSignal): Promise<string[]>
}

export function createAppApi(endpointId: string): AppApi {
  const messagePath = (messageId: string) => `/api/messages/${encodeURIComponent(messageId)}`
  return {
    async parameters() {
      return (await requestEndpoint(endpointId, '/api/parameters')).json()
    },
    async feedback(messageId, rating) {
      await requestEndpoint(endpointId, `${messagePath(messageId)}/feedbacks`, {
        method: 'POST',
        ...jsonBody({ rating }),
      })
    },
    async suggested(messageId, signal) {
      const response = await requestEndpoint(endpointId, `${messagePath(messageId)}/suggested`, {
        ...(signal ? { signal } : {}),
      })
      const body = (await response.json()) as { data?: unknown }
      return Array.isArray(body.data)
        ? body.data.filter((item): item is string => typeof item === 'string' && item.trim() !== '')
        : []
    },
  }
}
