import { HttpError } from '../errors.ts'
import { nestsDeeperThan } from './json-depth.ts'
import { readBodyBytes } from './read-body-bytes.ts'

/** Deeper than any body a route takes (inputs hold flat values); far below what overflows a stack. */
export const MAX_JSON_DEPTH = 32

/**
 * Reads a JSON object body of at most `maxBytes`: 415 unless the content type is JSON (which also
 * makes cross-site form posts impossible), 413 past the cap (checked while reading, so a lying
 * Content-Length can't exhaust memory), 400 `invalid_param` past MAX_JSON_DEPTH levels of
 * nesting (before parsing), 400 for anything but a JSON object.
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', 'The request body must be application/json.')
  }
  const bytes = await readBodyBytes(request, maxBytes)
  if (nestsDeeperThan(bytes, MAX_JSON_DEPTH)) {
    throw new HttpError(
      400,
      'invalid_param',
      `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`,
    )
  }
  const text = new TextDecoder().decode(bytes)
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
