import { isKind } from '../../contract/file-kind.ts'
import { HttpError } from '../errors.ts'
import { isInternalUrl } from '../security/internal-address.ts'

export interface TalkBody {
  query: string
  conversationId: string | undefined
  inputs: Record<string, unknown>
  files: Array<Record<string, unknown>>
}

export interface TalkLimits {
  maxQueryChars: number
  maxFiles: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Validates the browser's `POST /:id/talk` body into what `/chat-messages` takes
 * (docs/dify-wire.md#chat-messages). The browser never supplies `user`; unknown fields are ignored like Dify does.
 */
export function validateTalkBody(body: Record<string, unknown>, limits: TalkLimits): TalkBody {
  const bad = (code: string, message: string): never => {
    throw new HttpError(400, code, message)
  }
  // Dify strips NUL characters, so a query of only NULs is as empty as a blank one.
  const query = typeof body.query === 'string' ? body.query.replace(/\0/g, '') : undefined
  if (query === undefined || query.trim() === '') bad('invalid_query', 'query is required')
  if ((query as string).length > limits.maxQueryChars) {
    bad('query_too_long', `query is longer than ${limits.maxQueryChars} characters`)
  }

  const conversationId = body.conversation_id
  if (conversationId !== undefined && conversationId !== null && conversationId !== '') {
    if (typeof conversationId !== 'string' || !UUID.test(conversationId)) {
      bad('invalid_conversation_id', 'conversation_id must be a UUID')
    }
  }

  const inputs = body.inputs ?? {}
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
    bad('invalid_inputs', 'inputs must be an object')
  }
  if (holdsInternalRemoteUrl(inputs)) bad('invalid_inputs', `inputs: ${INTERNAL_URL_PROBLEM}`)

  const files = body.files ?? []
  if (!Array.isArray(files) || files.length > limits.maxFiles || !files.every(isFileReference)) {
    bad('invalid_files', `files must be at most ${limits.maxFiles} uploaded file references`)
  }
  if (holdsInternalRemoteUrl(files)) bad('invalid_files', `files: ${INTERNAL_URL_PROBLEM}`)

  return {
    query: query as string,
    conversationId:
      typeof conversationId === 'string' && conversationId ? conversationId : undefined,
    inputs: inputs as Record<string, unknown>,
    files: (files as Array<Record<string, unknown>>).map(knownFileFields),
  }
}

const INTERNAL_URL_PROBLEM = 'a remote_url may not point to a local or private address'
/** The fields of a file reference Dify reads (docs/dify-wire.md#chat-messages); anything else is not passed on. */
const FILE_FIELDS = ['type', 'transfer_method', 'upload_file_id', 'url'] as const

function knownFileFields(file: Record<string, unknown>): Record<string, unknown> {
  const known: Record<string, unknown> = {}
  for (const field of FILE_FIELDS) if (field in file) known[field] = file[field]
  return known
}

/**
 * Whether a `remote_url` file reference (at any depth: a file input holds one, a file-list input
 * an array of them) points into Dify's own network; checked before Dify fetches it.
 */
function holdsInternalRemoteUrl(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false
  const record = value as Record<string, unknown>
  if (record.transfer_method === 'remote_url' && isInternalUrl(String(record.url))) return true
  return Object.values(record).some(holdsInternalRemoteUrl)
}

function isFileReference(file: unknown): file is Record<string, unknown> {
  if (file === null || typeof file !== 'object') return false
  const { type, transfer_method, upload_file_id, url } = file as Record<string, unknown>
  if (typeof type !== 'string' || !isKind(type)) return false
  if (transfer_method === 'local_file') return typeof upload_file_id === 'string'
  if (transfer_method === 'remote_url') return typeof url === 'string' && /^https?:\/\//.test(url)
  return false
}
