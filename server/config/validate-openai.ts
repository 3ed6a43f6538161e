import type { OpenAiConfig } from './types.ts'

type Fail = (field: string, problem: string) => never

/** Shorter keys can be guessed; the operator makes them with e.g. `openssl rand -hex 24`. */
const MIN_KEY_CHARS = 16
const MAX_KEYS = 100
/** A model name as OpenAI clients send it: no spaces, nothing a URL or a log line trips on. */
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/
/** A Dify variable name (`user_input_form[].variable`). */
const INPUT_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/
const FIELDS = new Set([
  'keys',
  'model',
  'systemInput',
  'queryInput',
  'perKeyPerMinute',
  'streamsPerKey',
])
const DEFAULT_PER_KEY_PER_MINUTE = 60
const DEFAULT_STREAMS_PER_KEY = 10

/**
 * `openai` of an endpoint (server/openai/): `{"keys": [...], "model"?, "systemInput"?,
 * "queryInput"?, "perKeyPerMinute"?, "streamsPerKey"?}`. The feature is on only with at least one key.
 */
export function validateOpenAi(raw: unknown, endpointId: string, fail: Fail): OpenAiConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail('openai', 'must be an object such as {"keys": ["${OPENAI_KEY}"]}')
  }
  const record = raw as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (!FIELDS.has(key)) fail(`openai.${key}`, 'unknown field')
  }
  const keys = record.keys
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_KEYS) {
    return fail('openai.keys', `must be a non-empty array of at most ${MAX_KEYS} keys`)
  }
  keys.forEach((key, index) => {
    if (typeof key !== 'string' || key.length < MIN_KEY_CHARS || /\s/.test(key)) {
      fail(
        `openai.keys[${index}]`,
        `must be a string of at least ${MIN_KEY_CHARS} characters, no spaces`,
      )
    }
    if (keys.indexOf(key) !== index) fail(`openai.keys[${index}]`, 'is listed twice')
  })
  const model = record.model ?? endpointId
  if (typeof model !== 'string' || !MODEL_NAME.test(model)) {
    fail('openai.model', 'must be 1-128 letters, digits or ._:/- starting with a letter or digit')
  }
  const systemInput = inputName(record.systemInput, 'systemInput', '"system"', fail)
  const queryInput = inputName(record.queryInput, 'queryInput', '"query"', fail)
  return {
    keys: keys as string[],
    model: model as string,
    ...(systemInput !== undefined ? { systemInput } : {}),
    ...(queryInput !== undefined ? { queryInput } : {}),
    perKeyPerMinute: wholeNumber(
      record.perKeyPerMinute,
      'perKeyPerMinute',
      DEFAULT_PER_KEY_PER_MINUTE,
      100_000,
      fail,
    ),
    streamsPerKey: wholeNumber(
      record.streamsPerKey,
      'streamsPerKey',
      DEFAULT_STREAMS_PER_KEY,
      1000,
      fail,
    ),
  }
}

function wholeNumber(
  raw: unknown,
  field: string,
  fallback: number,
  max: number,
  fail: Fail,
): number {
  if (raw === undefined) return fallback
  if (!Number.isInteger(raw) || (raw as number) < 1 || (raw as number) > max) {
    return fail(`openai.${field}`, `must be a whole number from 1 to ${max}`)
  }
  return raw as number
}

function inputName(raw: unknown, field: string, example: string, fail: Fail): string | undefined {
  if (raw === undefined) return undefined
  if (typeof raw !== 'string' || !INPUT_NAME.test(raw)) {
    return fail(`openai.${field}`, `must be the name of a Dify input variable, such as ${example}`)
  }
  return raw
}
