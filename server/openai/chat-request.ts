import { badRequest, OpenAiError } from './openai-error.ts'

/** One message of the history, reduced to what reaches Dify: `developer` counts as `system`. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  text: string
  /** `image_url` URLs of a user message: http(s) or `data:image/…;base64,…`. */
  images: string[]
}

export interface ChatRequest {
  model: string
  messages: ChatMessage[]
  stream: boolean
  /** `stream_options.include_usage`: a last chunk with `usage` and no choices. */
  includeUsage: boolean
  /** OpenAI's `user`: one end user of the client, namespaced per key on the Dify side. */
  user: string
  /** `metadata.conversation_id`: continue this Dify conversation whatever the history says. */
  conversationId: string | undefined
}

export interface ChatRequestLimits {
  /** Characters of text over all messages; Dify's prompt has to hold them. */
  maxTextChars: number
  /** Images in one request (`maxFiles` of the talk route). */
  maxImages: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Dify conversation ids are UUIDs; anything else would only earn Dify's 400. */
export const isConversationId = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value)
const ROLES: Record<string, ChatMessage['role']> = {
  system: 'system',
  developer: 'system',
  user: 'user',
  assistant: 'assistant',
}
const MAX_USER_CHARS = 256

/**
 * Validates a `POST /v1/chat/completions` body (OpenAI's Chat Completions request). Sampling
 * fields (`temperature`, `max_tokens`, …) are accepted and ignored: the Dify app owns its model
 * settings. What can't be honoured (`n` > 1, tool messages) is a 400, never a silent change.
 */
export function validateChatRequest(
  body: Record<string, unknown>,
  limits: ChatRequestLimits,
): ChatRequest {
  if (typeof body.model !== 'string' || body.model === '') {
    throw badRequest('model is required.', 'model', 'missing_required_parameter')
  }
  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    throw badRequest('Only n = 1 is supported.', 'n')
  }
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') {
    throw badRequest('stream must be a boolean.', 'stream', 'invalid_type')
  }
  const messages = readMessages(body.messages, limits)
  const user = body.user ?? ''
  if (typeof user !== 'string' || user.length > MAX_USER_CHARS) {
    throw badRequest(`user must be a string of at most ${MAX_USER_CHARS} characters.`, 'user')
  }
  const metadata = body.metadata
  const conversationId =
    metadata && typeof metadata === 'object' && !Array.isArray(metadata)
      ? (metadata as Record<string, unknown>).conversation_id
      : undefined
  if (conversationId !== undefined && !isConversationId(conversationId)) {
    throw badRequest(
      'metadata.conversation_id must be a Dify conversation id (a UUID).',
      'metadata',
    )
  }
  const options = body.stream_options
  return {
    model: body.model,
    messages,
    stream: body.stream === true,
    includeUsage:
      body.stream === true &&
      typeof options === 'object' &&
      options !== null &&
      (options as Record<string, unknown>).include_usage === true,
    user,
    conversationId: conversationId as string | undefined,
  }
}

function readMessages(raw: unknown, limits: ChatRequestLimits): ChatMessage[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw badRequest('messages must be a non-empty array.', 'messages')
  }
  let chars = 0
  let images = 0
  const messages = raw.map((item, index) => {
    const message = readMessage(item, `messages[${index}]`)
    chars += message.text.length
    images += message.images.length
    return message
  })
  if (chars > limits.maxTextChars) {
    throw badRequest(
      `The messages hold ${chars} characters; this endpoint takes at most ${limits.maxTextChars}.`,
      'messages',
      'context_length_exceeded',
    )
  }
  if (images > limits.maxImages) {
    throw badRequest(`At most ${limits.maxImages} images per request.`, 'messages')
  }
  const last = messages[messages.length - 1]!
  if (!messages.some((message) => message.role === 'user')) {
    throw badRequest('messages must contain a user message.', 'messages')
  }
  if (last.role !== 'user') {
    throw badRequest(
      'The last message must come from the user.',
      `messages[${messages.length - 1}]`,
    )
  }
  if (last.text.trim() === '') {
    throw badRequest(
      'The last user message needs some text.',
      `messages[${messages.length - 1}].content`,
    )
  }
  return messages
}

function readMessage(raw: unknown, path: string): ChatMessage {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw badRequest(`${path} must be an object.`, path, 'invalid_type')
  }
  const { role, content } = raw as Record<string, unknown>
  const mapped = typeof role === 'string' ? ROLES[role] : undefined
  if (!mapped) {
    throw badRequest(
      `${path}.role must be system, developer, user or assistant (tool calls are the Dify app's own).`,
      `${path}.role`,
    )
  }
  if (typeof content === 'string')
    return { role: mapped, text: content.replace(/\0/g, ''), images: [] }
  if ((content === null || content === undefined) && mapped === 'assistant') {
    return { role: mapped, text: '', images: [] }
  }
  if (!Array.isArray(content)) {
    throw badRequest(
      `${path}.content must be a string or an array of parts.`,
      `${path}.content`,
      'invalid_type',
    )
  }
  const texts: string[] = []
  const images: string[] = []
  content.forEach((part, index) => {
    const at = `${path}.content[${index}]`
    const { type, text, image_url } = (part ?? {}) as Record<string, unknown>
    if (type === 'text' && typeof text === 'string') return void texts.push(text.replace(/\0/g, ''))
    if (type === 'image_url' && mapped === 'user')
      return void images.push(readImageUrl(image_url, at))
    throw badRequest(
      `${at} must be {"type":"text","text":…}${mapped === 'user' ? ' or {"type":"image_url","image_url":{"url":…}}' : ''}.`,
      at,
      'invalid_type',
    )
  })
  return { role: mapped, text: texts.join('\n'), images }
}

function readImageUrl(raw: unknown, path: string): string {
  const url = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).url : undefined
  if (
    typeof url === 'string' &&
    (/^https?:\/\/\S+$/i.test(url) || /^data:image\/[a-z0-9.+-]+;base64,/i.test(url))
  ) {
    return url
  }
  throw new OpenAiError(
    400,
    'invalid_request_error',
    `${path}.image_url.url must be an http(s) URL or a base64 data: URL of an image.`,
    'invalid_image_url',
    `${path}.image_url`,
  )
}
