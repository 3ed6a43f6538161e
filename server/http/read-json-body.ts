import { HttpError } from '../errors.ts'
import { readBodyBytes } from './read-body-bytes.ts'

/**
 * Reads a JSON object body of at most `maxBytes`: 415 unless the content type is JSON (which also
 * makes cross-site form posts impossible), 413 past the cap (checked while reading, so a lying
 * Content-Length can't exhaust memory), 400 for anything but a JSON object.
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', 'The request body must be application/json.')
  }
  const text = new TextDecoder().decode(await readBodyBytes(request, maxBytes))
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'invalid_json', 'The request body must be a JSON object.')
  }
  return value as Record<string, unknown>
}
