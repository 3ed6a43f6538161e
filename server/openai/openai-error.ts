import { HttpError } from '../errors.ts'

/** OpenAI's error `type`s (the SDK maps statuses to classes; `type` is for logs and humans). */
export type OpenAiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'

/** An error answered as OpenAI clients expect: `{"error": {message, type, param, code}}`. */
export class OpenAiError extends Error {
  readonly status: number
  readonly type: OpenAiErrorType
  readonly code: string | null
  readonly param: string | null

  constructor(
    status: number,
    type: OpenAiErrorType,
    message: string,
    code: string | null = null,
    param: string | null = null,
  ) {
    super(message)
    this.name = 'OpenAiError'
    this.status = status
    this.type = type
    this.code = code
    this.param = param
  }

  toBody() {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } }
  }
}

/** A 429, with the seconds until a retry may pass for `Retry-After`. */
export class RateLimited extends OpenAiError {
  readonly retryAfter: number
  constructor(retryAfter: number, message: string) {
    super(429, 'rate_limit_error', message, 'rate_limit_exceeded')
    this.retryAfter = retryAfter
  }
}

/** A 400 `invalid_request_error` about one request field. */
export function badRequest(message: string, param: string | null, code = 'invalid_value') {
  return new OpenAiError(400, 'invalid_request_error', message, code, param)
}

const TYPE_BY_STATUS: Record<number, OpenAiErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'invalid_request_error',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
}

/**
 * Any thrown value as an OpenAiError. A chatskins or Dify HttpError keeps its status, code and
 * message (a Dify `invalid_param` stays a 400 with Dify's words); a body over the size cap is a
 * 400 like every other bad request; anything unknown is a 500 without details.
 */
export function toOpenAiError(error: unknown): OpenAiError {
  if (error instanceof OpenAiError) return error
  if (error instanceof HttpError) {
    if (error.status === 413) {
      return badRequest(error.message, 'messages', 'request_too_large')
    }
    const status = error.status >= 400 && error.status <= 599 ? error.status : 502
    return new OpenAiError(status, TYPE_BY_STATUS[status] ?? 'api_error', error.message, error.code)
  }
  return new OpenAiError(
    500,
    'api_error',
    'The chat server hit an unexpected error.',
    'internal_error',
  )
}

/** The error as OpenAI's JSON body with its status; a 429 says when to retry. */
export function openAiErrorResponse(error: unknown): Response {
  const openAiError = toOpenAiError(error)
  const headers: Record<string, string> =
    error instanceof RateLimited ? { 'Retry-After': String(error.retryAfter) } : {}
  if (!(error instanceof OpenAiError) && !(error instanceof HttpError)) console.error(error)
  return Response.json(openAiError.toBody(), {
    status: openAiError.status,
    headers: { 'Cache-Control': 'no-store', ...headers },
  })
}
