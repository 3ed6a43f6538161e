import { isRecord } from '../../contract/guards.ts'
import type { EndpointRuntime } from '../app-env.ts'
import { readUpstreamError } from '../dify/dify-client.ts'
import { OpenAiError } from './openai-error.ts'

/** The form field types that take free text, in Dify's `user_input_form` (docs/dify-wire.md#parameters). */
const TEXT_FIELDS = ['paragraph', 'text-input']
const CACHE_MS = 60_000

/**
 * Which Dify input receives the message for a Completion or Workflow app: `openai.queryInput`
 * when the config names one, else the first paragraph or text field of the app's form, read from
 * `GET /parameters` and kept a minute per endpoint.
 */
export function createQueryInputs() {
  const cached = new Map<string, { name: string; at: number }>()
  return async (endpoint: EndpointRuntime, signal: AbortSignal): Promise<string> => {
    const configured = endpoint.config.openai?.queryInput
    if (configured) return configured
    const known = cached.get(endpoint.config.id)
    if (known && Date.now() - known.at < CACHE_MS) return known.name
    const response = await endpoint.dify.request('GET', '/parameters', { signal })
    if (!response.ok) throw await readUpstreamError(response)
    const name = firstTextField(await response.json().catch(() => null))
    if (!name) {
      throw new OpenAiError(
        400,
        'invalid_request_error',
        'This app has no text input to put the message in; set `openai.queryInput` in the config.',
        'no_query_input',
      )
    }
    cached.set(endpoint.config.id, { name, at: Date.now() })
    return name
  }
}

function firstTextField(parameters: unknown): string | undefined {
  const form = isRecord(parameters) ? parameters.user_input_form : undefined
  for (const item of Array.isArray(form) ? form : []) {
    if (!isRecord(item)) continue
    for (const type of TEXT_FIELDS) {
      const field = item[type]
      if (isRecord(field) && typeof field.variable === 'string') return field.variable
    }
  }
  return undefined
}
