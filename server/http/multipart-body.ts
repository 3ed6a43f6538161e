export interface MultipartFile {
  filename: string
  contentType: string
  body: ReadableStream<Uint8Array>
}

/**
 * A `multipart/form-data` body (RFC 7578) of text fields and one file, streamed: the file's bytes
 * pass through as they come, so the body is never held whole. Names are escaped as browsers do
 * (HTML's form encoding: `"`, CR and LF percent-encoded).
 */
export function multipartBody(
  fields: Readonly<Record<string, string>>,
  file: MultipartFile & { name: string },
): { contentType: string; body: ReadableStream<Uint8Array> } {
  const boundary = `chatskins-${crypto.randomUUID()}`
  const encoder = new TextEncoder()
  let head = ''
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"\r\n\r\n${value}\r\n`
  }
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="${escape(file.name)}"; ` +
    `filename="${escape(file.filename)}"\r\n` +
    `Content-Type: ${contentTypeOf(file.contentType)}\r\n\r\n`
  const reader = file.body.getReader()
  let started = false
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true
          return controller.enqueue(encoder.encode(head))
        }
        const { done, value } = await reader.read()
        if (!done) return controller.enqueue(value)
        controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`))
        controller.close()
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  )
  return { contentType: `multipart/form-data; boundary=${boundary}`, body }
}

function escape(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A declared type that can't break the part's headers, or the generic one. */
function contentTypeOf(declared: string): string {
  return /^[\w.+-]+\/[\w.+-]+(?:\s*;[\x20-\x7e]*)?$/.test(declared)
    ? declared
    : 'application/octet-stream'
}
