import { difyError } from '../demo/dify-errors.ts'

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

/**
 * The HTTP errors Dify answers `/chat-messages` with before a stream starts (docs/dify-wire.md#error-codes),
 * by code: each code once, with Dify's status and (where known) exact message.
 */
export const CHAT_MESSAGE_ERRORS: Readonly<Record<string, { status: number; message: string }>> = {
  invalid_param: { status: 400, message: 'city is required in input form' },
  bad_request: { status: 400, message: 'Invalid JSON payload received or JSON payload is empty.' },
  not_chat_app: {
    status: 400,
    message: 'Please check if your app mode matches the right API route.',
  },
  app_unavailable: {
    status: 400,
    message: 'App unavailable, please check your app configurations.',
  },
  conversation_completed: {
    status: 400,
    message: 'The conversation has ended. Please start a new conversation.',
  },
  provider_not_initialize: {
    status: 400,
    message:
      'No valid model provider credentials found. Please go to Settings -> Model Provider to complete your provider credentials.',
  },
  provider_quota_exceeded: {
    status: 400,
    message:
      'Your quota for Dify Hosted OpenAI has been exhausted. Please go to Settings -> Model Provider to complete your own provider credentials.',
  },
  model_currently_not_support: {
    status: 400,
    message: 'Dify Hosted OpenAI trial currently not support the GPT-4 model.',
  },
  completion_request_error: { status: 400, message: 'Completion request failed.' },
  unauthorized: { status: 401, message: 'Access token is invalid' },
  forbidden: { status: 403, message: "The app's API service has been disabled." },
  app_not_found: { status: 403, message: 'The app no longer exists.' },
  app_abnormal_status: { status: 403, message: "The app's status is abnormal." },
  app_api_disabled: { status: 403, message: "The app's API service has been disabled." },
  workspace_not_found: { status: 403, message: 'The workspace no longer exists.' },
  workspace_archived: { status: 403, message: "The workspace's status is archived." },
  not_found: { status: 404, message: 'Conversation Not Exists.' },
  too_many_requests: {
    status: 429,
    message:
      'Too many requests. Please try again later. The current maximum concurrent requests allowed for demo is 1.',
  },
  rate_limit_error: { status: 429, message: 'Rate Limit Error' },
  internal_server_error: {
    status: 500,
    message:
      'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
  },
  unknown: { status: 500, message: 'Internal Server Error' },
}
