/**
 * Serialises like Python's `json.dumps` defaults, which classic Dify builds used for SSE
 * (docs/dify-wire.md#python-json): `", "` and `": "` separators and every non-ASCII character as `\uXXXX`.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return asciiString(value)
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  )
  return `{${entries.map(([key, item]) => `${asciiString(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`
}

function asciiString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
