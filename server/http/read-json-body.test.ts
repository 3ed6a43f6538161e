import { describe, expect, it } from 'vitest'
import { HttpError } from '../errors.ts'
import { readJsonBody } from './read-json-body.ts'

const MAX = 64

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/pink/talk', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
}

/** A request whose body arrives in the given pieces with no Content-Length. */
function streamed(pieces: Uint8Array[]): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece)
      controller.close()
    },
  })
  return new Request('http://localhost/pink/talk', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit)
}

async function rejection(
  request: Request,
  maxBytes = MAX,
): Promise<{ status: number; code: string }> {
  const error: unknown = await readJsonBody(request, maxBytes).then(
    () => new Error('expected the body to be rejected'),
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(HttpError)
  const { status, code } = error as HttpError
  return { status, code }
}

describe('readJsonBody', () => {
  it('reads a JSON object', async () => {
    expect(await readJsonBody(post('{"query":"hi"}'), MAX)).toEqual({ query: 'hi' })
  })

  it('accepts a charset parameter and any letter case in the content type', async () => {
    const request = post('{"a":1}', { 'content-type': 'Application/JSON; charset=utf-8' })
    expect(await readJsonBody(request, MAX)).toEqual({ a: 1 })
  })

  it.each([
    ['text/plain', 'text/plain'],
    ['a form post', 'application/x-www-form-urlencoded'],
    ['a JSON look-alike', 'application/json-patch+json'],
  ])('answers 415 for %s', async (_case, contentType) => {
    expect(await rejection(post('{"a":1}', { 'content-type': contentType }))).toEqual({
      status: 415,
      code: 'unsupported_media_type',
    })
  })

  it('answers 415 without a content type', async () => {
    const request = new Request('http://localhost/x', {
      method: 'POST',
      body: new Uint8Array([123, 125]),
    })
    expect(request.headers.get('content-type')).toBeNull()
    expect(await rejection(request)).toEqual({ status: 415, code: 'unsupported_media_type' })
  })

  it('answers 413 for a body over the limit', async () => {
    const body = JSON.stringify({ query: 'x'.repeat(MAX) })
    expect(await rejection(post(body))).toEqual({ status: 413, code: 'payload_too_large' })
  })

  it('answers 413 from a declared Content-Length without reading the body', async () => {
    const request = post('{}', { 'content-length': String(MAX + 1) })
    expect(request.headers.get('content-length')).toBe(String(MAX + 1))
    expect(await rejection(request)).toEqual({ status: 413, code: 'payload_too_large' })
    expect(request.bodyUsed).toBe(false)
  })

  it('answers 413 while reading when no Content-Length warns of the size', async () => {
    const piece = new TextEncoder().encode('{"query":"' + 'x'.repeat(40))
    expect(await rejection(streamed([piece, piece]))).toEqual({
      status: 413,
      code: 'payload_too_large',
    })
  })

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify({ q: 'x'.repeat(MAX - 8) })
    expect(body).toHaveLength(MAX)
    expect(await readJsonBody(post(body), MAX)).toEqual({ q: 'x'.repeat(MAX - 8) })
  })

  it('decodes UTF-8 split across body chunks', async () => {
    const bytes = new TextEncoder().encode('{"query":"안녕 🍡"}')
    const pieces = [bytes.slice(0, 12), bytes.slice(12, 13), bytes.slice(13, 19), bytes.slice(19)]
    expect(await readJsonBody(streamed(pieces), MAX)).toEqual({ query: '안녕 🍡' })
  })

  it.each([[''], ['{"query":'], ["{'query': 'hi'}"]])(
    'answers 400 invalid_json for the body %j',
    async (body) => {
      expect(await rejection(post(body))).toEqual({ status: 400, code: 'invalid_json' })
    },
  )

  it.each([['[]'], ['null'], ['"hi"'], ['42']])(
    'answers 400 invalid_json for the non-object %s',
    async (body) => {
      expect(await rejection(post(body))).toEqual({ status: 400, code: 'invalid_json' })
    },
  )
})

describe('readJsonBody nesting', () => {
  it('refuses a body nested past the limit with 400 invalid_param, before parsing', async () => {
    const deep = `{"inputs":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`
    expect(await rejection(post(deep), 20_000)).toEqual({ status: 400, code: 'invalid_param' })
  })
})
