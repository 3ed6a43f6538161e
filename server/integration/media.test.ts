import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  FULL_INPUTS,
  readEvents,
  SECRET_FULL_KEY,
  startTestStack,
  type TestStack,
} from './test-stack.ts'

type Json = Record<string, any>

const MAX_UPLOAD = 4096
const MAX_AUDIO = 8192

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack({ maxUploadBytes: MAX_UPLOAD, maxAudioBytes: MAX_AUDIO })
})
afterAll(() => stack.close())

function form(parts: Array<[string, Blob | string, string?]>): FormData {
  const body = new FormData()
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') body.append(name, value)
    else body.append(name, value, filename)
  }
  return body
}

const png = (size = 64) => new Blob([new Uint8Array(size)], { type: 'image/png' })
const webm = (size = 64) => new Blob([new Uint8Array(size)], { type: 'audio/webm' })

function post(visitor: string, path: string, body: BodyInit, endpoint = 'full') {
  return stack.visit(visitor, `/${endpoint}/api/${path}`, { method: 'POST', body })
}

async function error(response: Response, status: number, code: string) {
  const body = await response.text()
  expect(response.status, body).toBe(status)
  expect(JSON.parse(body)).toMatchObject({ code, status })
}

describe('POST /:id/api/files/upload', () => {
  it("uploads as the visitor's user and answers 201 with only the fields the client needs", async () => {
    const spoofed = form([
      ['user', 'someone-else'],
      ['file', png(), 'cat.png'],
    ])
    const response = await post('ada', 'files/upload', spoofed)
    expect(response.status).toBe(201)
    const file = (await response.json()) as Json
    expect(file).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'cat.png',
      size: 64,
      extension: 'png',
      mime_type: 'image/png',
    })
    const store = stack.upstream.fake.store
    expect(store.findUpload(file.id, stack.difyUserOf('ada', 'full'))).toBeDefined()
    expect(store.findUpload(file.id, 'someone-else')).toBeUndefined()
  })

  it("sends the upload with a message, and another visitor can't use it", async () => {
    const file = (await (
      await post('bo', 'files/upload', form([['file', png(), 'dog.png']]))
    ).json()) as Json
    const files = [{ type: 'image', transfer_method: 'local_file', upload_file_id: file.id }]
    const body = { query: '[[echo]] look', inputs: FULL_INPUTS, files }

    await stack.visit('bu', '/full/')
    await error(await stack.talk('bu', body, {}, 'full'), 400, 'invalid_param')

    const events = await readEvents(await stack.talk('bo', body, {}, 'full'))
    const conversationId = events[0]?.conversation_id as string
    const history = (await (
      await stack.api('bo', 'full', 'GET', `messages?conversation_id=${conversationId}`)
    ).json()) as Json
    expect(history.data[0].message_files).toEqual([
      expect.objectContaining({ upload_file_id: file.id, belongs_to: 'user', filename: 'dog.png' }),
    ])
    // Dify without FILES_URL lists `/files/<id>/file-preview?…`; chatskins makes it absolute.
    const origin = new URL(stack.upstream.apiBase).origin
    const url = history.data[0].message_files[0].url as string
    expect(url).toMatch(new RegExp(`^${origin}/files/[\\w-]+/file-preview\\?timestamp=`))
    const image = await fetch(url)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect((await image.arrayBuffer()).byteLength).toBe(64)
  })

  it("lets the page show images from the endpoint's Dify origin, and only from there", async () => {
    const csp = (await stack.visit('bo', '/full/')).headers.get('content-security-policy') ?? ''
    const images = csp.split('; ').find((directive) => directive.startsWith('img-src '))
    const origin = new URL(stack.upstream.apiBase).origin
    expect(images).toBe(`img-src 'self' data: blob: https: ${origin}`)
    const gallery = (await stack.visit('bo', '/')).headers.get('content-security-policy') ?? ''
    expect(gallery).toContain("img-src 'self' data: blob: https:;")
  })

  it('refuses a file over the cap with 413 before it reaches Dify', async () => {
    const response = await post(
      'cy',
      'files/upload',
      form([['file', png(MAX_UPLOAD + 1), 'a.png']]),
    )
    await error(response, 413, 'payload_too_large')
    const exact = await post('cy', 'files/upload', form([['file', png(MAX_UPLOAD), 'a.png']]))
    expect(exact.status).toBe(201)
  })

  it.each([
    [
      'JSON',
      () => ({ body: '{}', headers: { 'Content-Type': 'application/json' } }),
      415,
      'unsupported_media_type',
    ],
    ['no file', () => ({ body: form([['user', 'x']]) }), 400, 'no_file_uploaded'],
    [
      'two files',
      () => ({
        body: form([
          ['file', png(), 'a.png'],
          ['file', png(), 'b.png'],
        ]),
      }),
      400,
      'too_many_files',
    ],
    [
      'a type Dify refuses',
      () => ({ body: form([['file', new Blob(['MZ']), 'setup.exe']]) }),
      415,
      'unsupported_file_type',
    ],
  ])('answers %s with %s %s', async (_name, init, status, code) => {
    const response = await stack.visit('cy', '/full/api/files/upload', {
      method: 'POST',
      ...init(),
    })
    await error(response, status, code)
  })
})

describe('POST /:id/api/audio-to-text', () => {
  it('transcribes a recording', async () => {
    const response = await post('dot', 'audio-to-text', form([['file', webm(100), 'v.webm']]))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ text: 'Hello from your voice (100 bytes)' })
  })

  it('answers 413 over its own cap, and relays Dify’s refusals', async () => {
    await error(
      await post('dot', 'audio-to-text', form([['file', webm(MAX_AUDIO + 1), 'v.webm']])),
      413,
      'payload_too_large',
    )
    await error(
      await post('dot', 'audio-to-text', form([['file', new Blob(['x']), 'v.txt']])),
      415,
      'unsupported_audio_type',
    )
    await error(
      await post('dot', 'audio-to-text', form([['file', webm(), 'v.webm']]), 'chat'),
      400,
      'invalid_param',
    )
  })
})

describe('POST /:id/api/text-to-audio', () => {
  it('relays the binary audio with its content type', async () => {
    const response = await stack.api('eve', 'full', 'POST', 'text-to-audio', { text: 'Hello' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('audio/wav')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const wav = new Uint8Array(await response.arrayBuffer())
    expect(String.fromCharCode(...wav.subarray(0, 4), ...wav.subarray(8, 12))).toBe('RIFFWAVE')
    expect(new DataView(wav.buffer).getUint32(4, true)).toBe(wav.length - 8)
  })

  it("forwards only the text and the visitor's user, never a message_id", async () => {
    const events = await readEvents(
      await stack.talk('fox', { query: '[[echo]] my secret', inputs: FULL_INPUTS }, {}, 'full'),
    )
    await stack.visit('fin', '/full/')
    const response = await stack.api('fin', 'full', 'POST', 'text-to-audio', {
      message_id: events[0]?.message_id,
      text: 'mine',
      user: stack.difyUserOf('fox', 'full'),
    })
    expect(response.status).toBe(200)
    await response.arrayBuffer()
    expect(stack.upstream.fake.speechRequests.at(-1)).toEqual({
      text: 'mine',
      user: stack.difyUserOf('fin', 'full'),
      message_id: undefined,
    })
  })

  it('answers 400 without text, and relays Dify’s 400 when the feature is off', async () => {
    await error(await stack.api('gil', 'full', 'POST', 'text-to-audio', {}), 400, 'invalid_text')
    await error(
      await stack.api('gil', 'full', 'POST', 'text-to-audio', { text: '   ' }),
      400,
      'invalid_text',
    )
    await error(
      await stack.api('gil', 'chat', 'POST', 'text-to-audio', { text: 'hi' }),
      400,
      'invalid_param',
    )
    const form = await stack.visit('gil', '/full/api/text-to-audio', {
      method: 'POST',
      body: 'text=hi',
      headers: { 'Content-Type': 'text/plain' },
    })
    await error(form, 415, 'unsupported_media_type')
  })
})

describe('/talk relays the media events', () => {
  it('read-aloud chunks interleaved with the answer, ending with tts_message_end', async () => {
    const events = await readEvents(
      await stack.talk(
        'hub',
        { query: '[[echo]] read this answer aloud as it streams', inputs: FULL_INPUTS },
        {},
        'tts',
      ),
    )
    const kinds = events.map((event) => event.event)
    expect(kinds.indexOf('tts_message')).toBeLessThan(kinds.lastIndexOf('message'))
    expect(kinds.slice(-2)).toEqual(['message_end', 'tts_message_end'])
    const audio = events.find((event) => event.event === 'tts_message')?.audio as string
    expect(audio).toMatch(/^UklGR/) // base64 of "RIFF"
  })

  it('an assistant image at an absolute URL on Dify, and citations trimmed to what the UI shows', async () => {
    const events = await readEvents(
      await stack.talk(
        'ivy',
        { query: '[[file]] [[echo]] chart', inputs: FULL_INPUTS },
        {},
        'full',
      ),
    )
    const file = events.find((event) => event.event === 'message_file')
    expect(file).toMatchObject({ type: 'image', belongs_to: 'assistant' })
    // The fake, like Dify without FILES_URL, says `/files/tools/…`; chatskins resolves it.
    const origin = new URL(stack.upstream.apiBase).origin
    expect(file?.url).toMatch(
      new RegExp(`^${origin}/files/tools/[\\w-]+\\.svg\\?timestamp=\\d+&nonce=[\\w-]+&sign=\\w+$`),
    )
    const image = await fetch(file!.url as string)
    expect(image.headers.get('content-type')).toBe('image/svg+xml')
    expect(await image.text()).toContain('<svg')
    const citations = (events.at(-1) as Json).metadata.retriever_resources as Json[]
    expect(citations).toHaveLength(2)
    expect(Object.keys(citations[0]!).sort()).toEqual([
      'content',
      'dataset_name',
      'document_name',
      'position',
      'score',
      'segment_id',
    ])
  })

  it('never shows the key in media answers', async () => {
    const responses = await Promise.all([
      post('jo', 'files/upload', form([['file', png(), 'a.png']])),
      post('jo', 'files/upload', form([['file', new Blob(['MZ']), 'a.exe']])),
      post('jo', 'audio-to-text', form([['file', webm(), 'v.webm']])),
      stack.api('jo', 'full', 'POST', 'text-to-audio', { text: 'x' }),
    ])
    for (const response of responses) {
      const everything =
        JSON.stringify([...response.headers]) +
        new TextDecoder().decode(await response.arrayBuffer())
      expect(everything).not.toContain(SECRET_FULL_KEY)
    }
  })
})
