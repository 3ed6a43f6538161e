import { HttpError } from '../errors.ts'

/**
 * Reads a request body of at most `maxBytes`, refusing a larger declared Content-Length at once
 * and counting while reading, so a lying or missing Content-Length can't exhaust memory.
 * Past the cap it throws `tooLarge()` (default: 413 `payload_too_large`).
 */
export async function readBodyBytes(
  request: Request,
  maxBytes: number,
  tooLarge: () => HttpError = () => payloadTooLarge(maxBytes),
): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw tooLarge()
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  // With a Content-Length, read straight into one buffer: a large upload is held once, not twice.
  const single = Number.isSafeInteger(declared) && declared > 0 ? new Uint8Array(declared) : null
  const chunks: Uint8Array[] = []
  let size = 0
  let inSingle = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (size + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge()
    }
    if (single && chunks.length === 0 && size + value.byteLength <= declared) {
      single.set(value, size)
      inSingle += value.byteLength
    } else chunks.push(value)
    size += value.byteLength
  }
  if (single && chunks.length === 0) return size === declared ? single : single.subarray(0, size)
  if (single) chunks.unshift(single.subarray(0, inSingle))
  const all = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.byteLength
  }
  return all
}

/** The 413 every capped body answers with (RFC 9110 §15.5.14). */
export function payloadTooLarge(maxBytes: number, what = 'The request body'): HttpError {
  return new HttpError(413, 'payload_too_large', `${what} is larger than ${maxBytes} bytes.`)
}
