import type { ErrorEnvelope } from '../contract/dify-wire.ts'

/**
 * An error with an HTTP status and a stable machine code, answered to the browser as Dify's own
 * envelope `{code, message, status}` (docs/dify-wire.md#error-envelope), so the client maps one shape to UI text.
 */
export class HttpError extends Error {
  readonly status: number
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'HttpError'
    this.status = status
    this.code = code
  }

  toEnvelope(): ErrorEnvelope {
    return { code: this.code, message: this.message, status: this.status }
  }
}

/** Answers any thrown value as a JSON error envelope; unknown errors never leak their details. */
export function errorResponse(error: unknown, headers: HeadersInit = {}): Response {
  const httpError =
    error instanceof HttpError
      ? error
      : new HttpError(500, 'internal_error', 'The chat server hit an unexpected error.')
  return Response.json(httpError.toEnvelope(), {
    status: httpError.status,
    headers: { 'Cache-Control': 'no-store', ...Object.fromEntries(new Headers(headers)) },
  })
}
