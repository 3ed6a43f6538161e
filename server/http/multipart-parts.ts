export interface MultipartPart {
  /** The `name` of its Content-Disposition. */
  name: string
  /** The `filename`, when the part is a file. */
  filename: string | undefined
  contentType: string
  /** A view into the body: no bytes are copied. */
  body: Uint8Array
}

const CRLF_CRLF = new TextEncoder().encode('\r\n\r\n')
const decoder = new TextDecoder()

/**
 * The parts of a `multipart/form-data` body held in one buffer (RFC 7578), each a view into it,
 * so a large upload is not copied again to be parsed. Null when the body is not well-formed:
 * no opening delimiter, a part without headers, or no closing delimiter.
 */
export function multipartParts(body: Uint8Array, boundary: string): MultipartPart[] | null {
  const delimiter = new TextEncoder().encode(`--${boundary}`)
  let at = indexOf(body, delimiter, 0)
  if (at < 0) return null
  const parts: MultipartPart[] = []
  for (;;) {
    at += delimiter.length
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) return null
    const headersEnd = indexOf(body, CRLF_CRLF, at)
    if (headersEnd < 0) return null
    const headers = decoder.decode(body.subarray(at + 2, headersEnd))
    const start = headersEnd + 4
    const next = indexOf(body, delimiter, start)
    if (next < 2 || body[next - 2] !== 0x0d || body[next - 1] !== 0x0a) return null
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? ''
    parts.push({
      name: parameter(disposition, 'name') ?? '',
      filename: parameter(disposition, 'filename'),
      contentType: /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? '',
      body: body.subarray(start, next - 2),
    })
    at = next
  }
}

/** The boundary of a multipart Content-Type, quoted or not. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType)
  return match?.[1] ?? match?.[2]
}

function parameter(disposition: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition)
  return match?.[1]?.replace(/\\(.)/g, '$1')
}

/** Where `needle` first occurs in `haystack` from `from`, or -1; the first byte found natively. */
function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!
  for (let at = haystack.indexOf(first, from); at >= 0; at = haystack.indexOf(first, at + 1)) {
    if (at + needle.length > haystack.length) return -1
    let same = true
    for (let i = 1; i < needle.length && same; i++) same = haystack[at + i] === needle[i]
    if (same) return at
  }
  return -1
}
