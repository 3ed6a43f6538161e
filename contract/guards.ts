/** A parsed JSON object (never an array). */
export type JsonObject = Record<string, unknown>

/** True for a plain JSON object; arrays and `null` are refused. */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
