/** Dify's JSON error envelope (docs/dify-wire.md#error-envelope), with Flask's trailing newline. */
export function difyError(status: number, code: string, message: string): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="api"'
  return new Response(`${JSON.stringify({ code, message, status })}\n`, { status, headers })
}

/** Dify's answer when a route is called for an app of another type (docs/dify-wire.md#error-codes). */
export const WRONG_APP_TYPE_MESSAGES: Readonly<Record<string, string>> = {
  not_chat_app: 'Please check if your app mode matches the right API route.',
  not_workflow_app: 'Please check if your app mode matches the right API route.',
  app_unavailable: 'App unavailable, please check your app configurations.',
}

/** Dify's answer to a body that is not a JSON object (docs/dify-wire.md#error-codes). */
export function badJsonBody(): Response {
  return difyError(400, 'bad_request', 'Invalid JSON payload received or JSON payload is empty.')
}
