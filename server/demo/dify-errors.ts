/** Dify's JSON error envelope (docs/dify-wire.md#error-envelope), with Flask's trailing newline. */
export function difyError(status: number, code: string, message: string): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="api"'
  return new Response(`${JSON.stringify({ code, message, status })}\n`, { status, headers })
}
