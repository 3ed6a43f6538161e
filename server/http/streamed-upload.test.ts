import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors.ts'
import { MULTIPART_FRAMING_BYTES, openStreamedUpload } from './streamed-upload.ts'

const MAX = 1024

function upload(form: FormData | BodyInit, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/pink/api/files/upload', {
    method: 'POST',
    body: form,
    headers,
  })
}

/** A multipart request whose body arrives in the given pieces. */
function streamed(pieces: readonly (string | Uint8Array)[], boundary = 'XYZ'): Request {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) {
        controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece)
      }
      controller.close()
    },
  })
  return multipartRequest(body, boundary)
}

/** A multipart request whose body is `body`, as it arrives. */
function multipartRequest(body: ReadableStream<Uint8Array>, boundary = 'XYZ'): Request {
  return new Request('http://localhost/x', {
    method: 'POST',
    body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    duplex: 'half',
  } as RequestInit)
}

function formWith(...parts: Array<[string, string | Blob, string?]>): FormData {
  const form = new FormData()
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') form.append(name, value)
    else form.append(name, value, filename)
  }
  return form
}

/** Opens the upload and reads its file to the end, as the request to Dify would. */
async function readUpload(request: Request, onFailure?: (error: HttpError) => void) {
  const opened = await openStreamedUpload(request, {
    maxFileBytes: MAX,
    ...(onFailure ? { onFailure } : {}),
  })
  const bytes = new Uint8Array(await new Response(opened.body).arrayBuffer())
  return { ...opened, bytes }
}

async function rejection(request: Request): Promise<{ status: number; code: string }> {
  const error: unknown = await readUpload(request).then(
    () => new Error('expected the body to be rejected'),
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(HttpError)
  const { status, code } = error as HttpError
  return { status, code }
}

describe('openStreamedUpload', () => {
  it('passes on the one file part with its name, type and bytes, ignoring text fields', async () => {
    const form = formWith(
      ['user', 'someone-else'],
      ['file', new Blob(['hello'], { type: 'text/plain' }), 'note.txt'],
      ['after', 'ignored too'],
    )
    const file = await readUpload(upload(form))
    expect([file.filename, file.contentType]).toEqual(['note.txt', 'text/plain'])
    expect(new TextDecoder().decode(file.bytes)).toBe('hello')
  })

  it('keeps non-ASCII file names', async () => {
    const form = formWith(['file', new Blob(['x']), '사진 😀.png'])
    expect((await readUpload(upload(form))).filename).toBe('사진 😀.png')
  })

  it('finds delimiters split across chunks anywhere, and passes bytes that only look like one', async () => {
    const content = 'a\r\n--XY b\r\n-\r\n- x--XYZ is not the end\r'
    const body =
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n' +
      `${content}\r\n--XYZ--\r\n`
    for (let size = 1; size <= 7; size++) {
      const pieces: string[] = []
      for (let at = 0; at < body.length; at += size) pieces.push(body.slice(at, at + size))
      const file = await readUpload(streamed(pieces))
      expect(new TextDecoder().decode(file.bytes), `pieces of ${size}`).toBe(content)
    }
  })

  it.each([
    ['JSON', { 'content-type': 'application/json' }, '{}'],
    ['a urlencoded form', { 'content-type': 'application/x-www-form-urlencoded' }, 'file=x'],
    ['multipart without a boundary', { 'content-type': 'multipart/form-data' }, 'x'],
    ['no content type', {}, null],
  ])('answers %s with 415', async (_name, headers, body) => {
    expect(await rejection(upload(body as BodyInit, headers))).toEqual({
      status: 415,
      code: 'unsupported_media_type',
    })
  })

  it('answers 400 no_file_uploaded without a file part, or with the file under another name', async () => {
    for (const form of [formWith(['file', 'just text']), formWith(['doc', new Blob(['x']), 'a'])]) {
      expect(await rejection(upload(form))).toEqual({ status: 400, code: 'no_file_uploaded' })
    }
  })

  it('answers 400 too_many_files for two file parts, and says so to whoever receives the bytes', async () => {
    const form = formWith(['file', new Blob(['a']), 'a.txt'], ['file', new Blob(['b']), 'b.txt'])
    expect(await rejection(upload(form))).toEqual({ status: 400, code: 'too_many_files' })
    const told: HttpError[] = []
    await readUpload(upload(form), (error) => told.push(error)).catch(() => {})
    expect(told.map((error) => error.code)).toEqual(['too_many_files'])
  })

  it('answers 400 invalid_multipart for a broken or cut-off body', async () => {
    const garbage = upload('garbage without any boundary', {
      'content-type': 'multipart/form-data; boundary=XYZ',
    })
    expect(await rejection(garbage)).toEqual({ status: 400, code: 'invalid_multipart' })
    const cut = streamed([
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nunterminated',
    ])
    expect(await rejection(cut)).toEqual({ status: 400, code: 'invalid_multipart' })
    const endlessHeaders = streamed(['--XYZ\r\nX-Long: ', 'y'.repeat(20_000)])
    expect(await rejection(endlessHeaders)).toEqual({ status: 400, code: 'invalid_multipart' })
  })

  it('answers 400 upload_interrupted when the connection breaks off mid-file', async () => {
    let push!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void (push = controller) })
    push.enqueue(
      new TextEncoder().encode(
        '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nsome',
      ),
    )
    const reading = rejection(multipartRequest(body))
    setTimeout(() => push.error(new Error('socket hang up')), 10)
    expect(await reading).toEqual({ status: 400, code: 'upload_interrupted' })
  })

  it('answers 408 upload_too_slow to a body that trickles in, and tells where the bytes go', async () => {
    const encoder = new TextEncoder()
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        const head =
          '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        controller.enqueue(encoder.encode(sent++ === 0 ? head : 'x'))
      },
    })
    const told: HttpError[] = []
    const opened = await openStreamedUpload(multipartRequest(body), {
      maxFileBytes: MAX,
      pace: { windowMs: 150, minBytes: 100 },
      onFailure: (error) => told.push(error),
    })
    const error = await new Response(opened.body).arrayBuffer().catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(HttpError)
    expect(opened.failure()).toMatchObject({ status: 408, code: 'upload_too_slow' })
    expect(told.map(({ code }) => code)).toEqual(['upload_too_slow'])
  })

  it('accepts a file of exactly the cap and refuses one byte more with 413', async () => {
    const exact = formWith(['file', new Blob([new Uint8Array(MAX)]), 'a.bin'])
    expect((await readUpload(upload(exact))).bytes.byteLength).toBe(MAX)
    const over = formWith(['file', new Blob([new Uint8Array(MAX + 1)]), 'a.bin'])
    expect(await rejection(upload(over))).toEqual({ status: 413, code: 'payload_too_large' })
  })

  it('refuses a body past the cap plus framing while reading, whatever Content-Length says', async () => {
    const big = new Uint8Array(MAX + MULTIPART_FRAMING_BYTES + 1)
    expect(await rejection(streamed([big]))).toEqual({ status: 413, code: 'payload_too_large' })
    const declared = upload('x', {
      'content-type': 'multipart/form-data; boundary=XYZ',
      'content-length': String(10 * 1024 * 1024),
    })
    expect(await rejection(declared)).toEqual({ status: 413, code: 'payload_too_large' })
  })
})
