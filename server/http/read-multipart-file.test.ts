import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors.ts'
import { MULTIPART_FRAMING_BYTES, readMultipartFile } from './read-multipart-file.ts'

const MAX = 1024

function upload(form: FormData | BodyInit, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/pink/api/files/upload', {
    method: 'POST',
    body: form,
    headers,
  })
}

function formWith(...parts: Array<[string, string | Blob, string?]>): FormData {
  const form = new FormData()
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') form.append(name, value)
    else form.append(name, value, filename)
  }
  return form
}

async function rejection(request: Request): Promise<{ status: number; code: string }> {
  const error: unknown = await readMultipartFile(request, MAX).then(
    () => new Error('expected the body to be rejected'),
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(HttpError)
  const { status, code } = error as HttpError
  return { status, code }
}

describe('readMultipartFile', () => {
  it('reads the one file part with its name, type and bytes, ignoring text fields', async () => {
    const form = formWith(
      ['user', 'someone-else'],
      ['file', new Blob(['hello'], { type: 'text/plain' }), 'note.txt'],
    )
    const file = await readMultipartFile(upload(form), MAX)
    expect([file.name, file.type, file.size]).toEqual(['note.txt', 'text/plain', 5])
    expect(await file.text()).toBe('hello')
  })

  it('keeps non-ASCII file names', async () => {
    const form = formWith(['file', new Blob(['x']), '사진 😀.png'])
    expect((await readMultipartFile(upload(form), MAX)).name).toBe('사진 😀.png')
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

  it('answers 400 too_many_files for two file parts', async () => {
    const form = formWith(['file', new Blob(['a']), 'a.txt'], ['file', new Blob(['b']), 'b.txt'])
    expect(await rejection(upload(form))).toEqual({ status: 400, code: 'too_many_files' })
  })

  it('answers 400 invalid_multipart for a broken body', async () => {
    const request = upload('garbage without any boundary', {
      'content-type': 'multipart/form-data; boundary=XYZ',
    })
    expect(await rejection(request)).toEqual({ status: 400, code: 'invalid_multipart' })
  })

  it('accepts a file of exactly the cap and refuses one byte more with 413', async () => {
    const exact = formWith(['file', new Blob([new Uint8Array(MAX)]), 'a.bin'])
    expect((await readMultipartFile(upload(exact), MAX)).size).toBe(MAX)
    const over = formWith(['file', new Blob([new Uint8Array(MAX + 1)]), 'a.bin'])
    expect(await rejection(upload(over))).toEqual({ status: 413, code: 'payload_too_large' })
  })

  it('refuses a body past the cap plus framing while reading, whatever Content-Length says', async () => {
    const big = new Uint8Array(MAX + MULTIPART_FRAMING_BYTES + 1)
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(big)
        controller.close()
      },
    })
    const request = new Request('http://localhost/x', {
      method: 'POST',
      body,
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      duplex: 'half',
    } as RequestInit)
    expect(await rejection(request)).toEqual({ status: 413, code: 'payload_too_large' })
    const declared = upload('x', {
      'content-type': 'multipart/form-data; boundary=XYZ',
      'content-length': String(10 * 1024 * 1024),
    })
    expect(await rejection(declared)).toEqual({ status: 413, code: 'payload_too_large' })
  })
})
