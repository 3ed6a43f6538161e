import { HttpError } from '../errors.ts'

/**
 * Validators for the browser's input to `/:id/api/…`, checked before anything reaches Dify so
 * bad input gets a 400 `invalid_<field>` envelope and never an upstream call (docs/dify-wire.md#conventions: ids
 * are UUIDs; #messages, #conversations: `limit` is 1..100).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function invalid(field: string, message: string): HttpError {
  return new HttpError(400, `invalid_${field}`, message)
}

/** A required UUID (path or query); lower-cased so the same id always reads the same. */
export function requireUuid(value: string | undefined, field: string): string {
  if (value === undefined || !UUID.test(value)) throw invalid(field, `${field} must be a UUID`)
  return value.toLowerCase()
}

/** An optional UUID: absent or empty is undefined. */
export function optionalUuid(value: string | undefined, field: string): string | undefined {
  return value === undefined || value === '' ? undefined : requireUuid(value, field)
}

/** Dify's page size, an integer 1..100; absent means Dify's default (20). */
export function optionalLimit(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 100) {
    throw invalid('limit', 'limit must be an integer from 1 to 100')
  }
  return String(Number(value))
}

/** One of a fixed set of strings; absent means Dify's default. */
export function optionalChoice<T extends string>(
  value: string | undefined,
  field: string,
  choices: readonly T[],
): T | undefined {
  if (value === undefined || value === '') return undefined
  if (!(choices as readonly string[]).includes(value)) {
    throw invalid(field, `${field} must be one of ${choices.join(', ')}`)
  }
  return value as T
}

/** A string of `min..max` characters (code points) after trimming; returns it trimmed. */
export function requireText(value: unknown, field: string, min: number, max: number): string {
  const text = typeof value === 'string' ? value.trim() : undefined
  const length = text === undefined ? -1 : Array.from(text).length
  if (text === undefined || length < min || length > max) {
    throw invalid(field, `${field} must be text of ${min} to ${max} characters`)
  }
  return text
}
