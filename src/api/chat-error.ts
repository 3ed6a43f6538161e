import type { ErrorEnvelope } from '../../contract/dify-wire.ts'
import type { MessageKey } from '../i18n/translate.ts'

/**
 * Any failure of a chat turn, in the one shape the server and Dify use: `{code, message, status}`,
 * plus the server's `X-Request-Id` of the failed request, shown to the visitor for support.
 */
export type ChatError = ErrorEnvelope & { requestId?: string }

export const NETWORK_ERROR: ChatError = {
  code: 'network_error',
  status: 0,
  message: 'The chat server could not be reached.',
}

const KEY_BY_CODE: Readonly<Record<string, MessageKey>> = {
  network_error: 'error.network',
  rate_limited: 'error.slowDown',
  too_many_streams: 'error.tooManyStreams',
  too_many_requests: 'error.rateLimited',
  rate_limit_error: 'error.rateLimited',
  provider_quota_exceeded: 'error.quota',
  provider_not_initialize: 'error.unavailable',
  model_currently_not_support: 'error.unavailable',
  completion_request_error: 'error.unavailable',
  internal_server_error: 'error.unavailable',
  app_unavailable: 'error.unavailable',
  upstream_unavailable: 'error.unavailable',
  upstream_unreachable: 'error.unavailable',
  upstream_timeout: 'error.timeout',
  answer_too_long: 'error.timeout',
  upstream_broken: 'error.brokenStream',
  stream_broken: 'error.brokenStream',
  not_chat_app: 'error.unavailable',
  upstream_record_too_large: 'error.brokenStream',
  conversation_completed: 'error.conversationEnded',
  query_too_long: 'error.tooLong',
  payload_too_large: 'error.tooLong',
}

/** The UI text for an error: by code where known, else by status class. */
export function errorMessageKey(error: ChatError): MessageKey {
  const byCode = KEY_BY_CODE[error.code]
  if (byCode) return byCode
  if (error.status === 429) return 'error.rateLimited'
  if (error.status === 401 || error.status === 403 || error.status >= 500)
    return 'error.unavailable'
  if (error.status >= 400) return 'error.invalidRequest'
  return 'error.generic'
}

/** Reads a JSON error envelope from a failed response; anything else becomes a status-only error. */
export async function readErrorResponse(response: Response): Promise<ChatError> {
  const requestId = response.headers.get('X-Request-Id') ?? undefined
  const withId = (error: ChatError): ChatError => (requestId ? { ...error, requestId } : error)
  try {
    const body = (await response.json()) as Partial<ChatError>
    if (typeof body.code === 'string') {
      return withId({
        code: body.code,
        status: response.status,
        message: String(body.message ?? ''),
      })
    }
  } catch {
    // Not JSON (a proxy's HTML page): fall through to the status.
  }
  return withId({
    code: `http_${response.status}`,
    status: response.status,
    message: response.statusText,
  })
}
