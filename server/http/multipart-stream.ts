import { HttpError } from '../errors.ts'

/** A part begins (its headers read), or bytes of the current part's body arrive. */
export type MultipartEvent =
  | { kind: 'part'; name: string; filename: string | undefined; contentType: string }
  | { kind: 'data'; bytes: Uint8Array }

/** Part headers longer than this are not a browser's: refused rather than collected. */
const MAX_PART_HEADER_BYTES = 8 * 1024
const CRLF = new TextEncoder().encode('\r\n')
const CRLF_CRLF = new TextEncoder().encode('\r\n\r\n')
const decoder = new TextDecoder()

/**
 * The parts of a `multipart/form-data` body (RFC 7578) as it arrives, without collecting it:
 * only a delimiter's length of bytes (or a part's headers) is held back between chunks, so a
 * large file passes through in the chunks it came in. Throws 400 `invalid_multipart` when the
 * body is not well-formed (no opening delimiter, a part without headers, or no closing
 * delimiter); the epilogue after the closing delimiter is not read.
 */
export async function* multipartEvents(
  chunks: AsyncIterator<Uint8Array>,
  boundary: string,
): AsyncGenerator<MultipartEvent, void> {
  // A delimiter is CRLF "--" boundary; the first one has no CRLF before it, so one is put there.
  const delimiter = new TextEncoder().encode(`\r\n--${boundary}`)
  let buffer: Uint8Array = CRLF
  const more = async () => {
    const { done, value } = await chunks.next()
    if (done) throw invalidMultipart()
    buffer = buffer.length === 0 ? value : concat(buffer, value)
  }
  /** The bytes before the next delimiter, handed on as they arrive; then past the delimiter. */
  async function* untilDelimiter(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const at = indexOf(buffer, delimiter, 0)
      if (at >= 0) {
        if (at > 0) yield buffer.subarray(0, at)
        buffer = buffer.subarray(at + delimiter.length)
        return
      }
      // Only a tail that could begin a delimiter is held back, so chunks are rarely copied.
      const safe = buffer.length - startOfDelimiterAtEnd(buffer, delimiter)
      if (safe > 0) {
        yield buffer.subarray(0, safe)
        buffer = buffer.subarray(safe)
      }
      await more()
    }
  }

  const preamble = untilDelimiter()
  while (!(await preamble.next()).done);
  for (;;) {
    while (buffer.length < 2) await more()
    if (buffer[0] === 0x2d && buffer[1] === 0x2d) return
    if (buffer[0] !== CRLF[0] || buffer[1] !== CRLF[1]) throw invalidMultipart()
    let headersEnd: number
    while ((headersEnd = indexOf(buffer, CRLF_CRLF, 0)) < 0) {
      if (buffer.length > MAX_PART_HEADER_BYTES) throw invalidMultipart()
      await more()
    }
    // Starting at the CRLF that ends the delimiter line, so a part with no headers is found too.
    const headers = decoder.decode(buffer.subarray(2, headersEnd))
    buffer = buffer.subarray(headersEnd + CRLF_CRLF.length)
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? ''
    yield {
      kind: 'part',
      name: parameter(disposition, 'name') ?? '',
      filename: parameter(disposition, 'filename'),
      contentType: /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? '',
    }
    for await (const bytes of untilDelimiter()) yield { kind: 'data', bytes }
  }
}

/** The boundary of a multipart Content-Type, quoted or not. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType)
  return match?.[1] ?? match?.[2]
}

export function invalidMultipart(): HttpError {
  return new HttpError(400, 'invalid_multipart', 'The request body is not valid multipart.')
}

function parameter(disposition: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition)
  return match?.[1]?.replace(/\\(.)/g, '$1')
}

/** The length of the longest end of `bytes` that is a beginning of `delimiter` (0 if none). */
function startOfDelimiterAtEnd(bytes: Uint8Array, delimiter: Uint8Array): number {
  for (let length = Math.min(delimiter.length - 1, bytes.length); length > 0; length--) {
    const from = bytes.length - length
    if (bytes[from] !== delimiter[0]) continue
    let same = true
    for (let i = 1; i < length && same; i++) same = bytes[from + i] === delimiter[i]
    if (same) return length
  }
  return 0
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const joined = new Uint8Array(head.length + tail.length)
  joined.set(head, 0)
  joined.set(tail, head.length)
  return joined
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
