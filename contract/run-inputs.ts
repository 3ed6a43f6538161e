import { isRecord, type JsonObject } from './guards.ts'

/**
 * A workflow run's `inputs` as an object: Dify sends an object or the same as a JSON string
 * (docs/dify-wire.md#workflows-run); anything else is no inputs.
 */
export function runInputsObject(raw: unknown): JsonObject {
  let value = raw
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw)
    } catch {
      return {}
    }
  }
  return isRecord(value) ? value : {}
}
