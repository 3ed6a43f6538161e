/** Dify's JSON error envelope (dify-api.md §2.1), with Flask's trailing newline. */
export function difyError(status: number, code: string, message: string): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="api"'
  return new Response(`${JSON.stringify({ code, message, status })}\n`, { status, headers })
}

/** What a reverse proxy in front of Dify answers when Dify is down: HTML, not JSON. */
export function proxyErrorPage(status: number): Response {
  return new Response(
    `<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    { status, headers: { 'Content-Type': 'text/html' } },
  )
}

/** The envelope a fault directive `[[http=N]]` answers with, as Dify would for that status. */
export function httpFault(status: number, conversationId: string | undefined): Response {
  switch (status) {
    case 401:
      return difyError(401, 'unauthorized', 'Access token is invalid')
    case 403:
      return difyError(403, 'forbidden', "The app's API service has been disabled.")
    case 404:
      return difyError(404, 'not_found', 'Conversation Not Exists.')
    case 429:
      return difyError(
        429,
        'too_many_requests',
        'Too many requests. Please try again later. The current maximum concurrent requests allowed for demo is 1.',
      )
    case 500:
      return difyError(
        500,
        'internal_server_error',
        'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
      )
    default:
      return difyError(
        status,
        conversationId ? 'conversation_completed' : 'provider_quota_exceeded',
        conversationId
          ? 'The conversation has ended. Please start a new conversation.'
          : 'Your quota for Dify Hosted OpenAI has been exhausted. Please go to Settings -> Model Provider to complete your own provider credentials.',
      )
  }
}
