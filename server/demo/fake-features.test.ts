import { describe, expect, it } from 'vitest'
import { ALICE, BOB, envelope, fakeDify, types, type Json } from './fake-test-client.ts'

const FULL_INPUTS = { name: 'Ann', lang: 'en' }

function formWith(file: Blob | null, filename = 'photo.png', user = ALICE): FormData {
  const form = new FormData()
  if (file) form.append('file', file, filename)
  form.append('user', user)
  return form
}

const png = (bytes = 16) => new Blob([new Uint8Array(bytes)], { type: 'image/png' })

async function historyOf(call: ReturnType<typeof fakeDify>['call'], events: Json[], key: string) {
  const response = await call('GET', '/messages', {
    key,
    query: { conversation_id: events[0]?.conversation_id, user: ALICE },
  })
  return ((await response.json()) as Json).data as Json[]
}

function decodeBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0))
}

describe('fake Dify: input validation (docs/dify-wire.md#parameters)', () => {
  it.each([
    [{}, 'name is required in input form'],
    [{ name: 'Ann', lang: 'de' }, "lang in input form must be one of the following: ['en', 'fr']"],
    [{ name: 'x'.repeat(49), lang: 'en' }, 'name in input form must be less than 48 characters'],
  ])('answers inputs %j with 400 invalid_param "%s"', async (inputs, message) => {
    const response = await fakeDify().send('hi', ALICE, { inputs }, 'app-full')
    expect(await envelope(response)).toEqual({
      status: 400,
      body: { code: 'invalid_param', message, status: 400 },
    })
  })

  it('keeps the declared inputs and fills the introduction from them', async () => {
    const { turn, call } = fakeDify()
    const inputs = { ...FULL_INPUTS, stray: 'dropped' }
    const { events } = await turn('[[echo]] hi', ALICE, { inputs }, 'app-full')
    const list = await call('GET', '/conversations', { key: 'app-full', query: { user: ALICE } })
    const [conversation] = ((await list.json()) as Json).data as Json[]
    expect(conversation?.id).toBe(events[0]?.conversation_id)
    expect(conversation?.introduction).toMatch(/^Hello Ann! /)
    expect(conversation?.inputs).toMatchObject(FULL_INPUTS)
    expect(conversation?.inputs).not.toHaveProperty('stray')
  })
})

describe('fake Dify: citations, assistant files, long histories', () => {
  it('cites two sources in message_end and /messages on app-full', async () => {
    const { turn, call } = fakeDify()
    const { events } = await turn('[[echo]] hi', ALICE, { inputs: FULL_INPUTS }, 'app-full')
    const citations = events.at(-1)?.metadata.retriever_resources as Json[]
    expect(citations).toHaveLength(2)
    for (const citation of citations) {
      expect(citation).toMatchObject({
        position: expect.any(Number),
        dataset_name: expect.any(String),
        document_name: expect.any(String),
        score: expect.any(Number),
        content: expect.any(String),
        segment_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      })
    }
    const [message] = await historyOf(call, events, 'app-full')
    expect(message?.retriever_resources).toEqual(citations)
  })

  it('cites only with [[cite]] on other apps', async () => {
    const { turn } = fakeDify()
    const plain = await turn('[[echo]] hi')
    expect(plain.events.at(-1)?.metadata).not.toHaveProperty('retriever_resources')
    const cited = await turn('[[cite]] [[echo]] hi')
    expect(cited.events.at(-1)?.metadata.retriever_resources).toHaveLength(2)
  })

  it('[[file]] sends a message_file with a data: image URL, listed in /messages', async () => {
    const { turn, call } = fakeDify()
    const { events } = await turn('[[file]] [[echo]] draw')
    const file = events.find((event) => event.event === 'message_file')!
    expect(types(events).indexOf('message_file')).toBe(1)
    expect(file).toMatchObject({ type: 'image', belongs_to: 'assistant' })
    expect(file.url).toMatch(/^data:image\/svg\+xml;base64,/)
    const [message] = await historyOf(call, events, 'app-chat')
    expect(message?.message_files).toEqual([
      expect.objectContaining({ id: file.id, url: file.url, belongs_to: 'assistant' }),
    ])
  })

  it('[[many=N]] adds N earlier turns at once, for paging', async () => {
    const { turn, call } = fakeDify()
    const { events } = await turn('[[many=30]] [[echo]] latest')
    const response = await call('GET', '/messages', {
      query: { conversation_id: events[0]?.conversation_id, user: ALICE, limit: '100' },
    })
    const data = ((await response.json()) as Json).data as Json[]
    expect(data).toHaveLength(31)
    expect(data[0]).toMatchObject({ query: 'History question 1', answer: 'History answer 1' })
    expect(data.at(-1)).toMatchObject({ query: 'latest', answer: 'latest' })
    expect(new Set(data.map((message) => message.created_at)).size).toBe(31)
  })
})

describe('fake Dify: read-aloud streams (docs/dify-wire.md#tts-message)', () => {
  it('interleaves tts_message chunks of one WAV and ends with tts_message_end', async () => {
    const { events } = await fakeDify().turn(
      '[[echo]] read this answer aloud while it streams, please',
      ALICE,
      { inputs: FULL_INPUTS },
      'app-tts',
    )
    const kinds = types(events)
    const firstAudio = kinds.indexOf('tts_message')
    expect(firstAudio).toBeGreaterThan(0)
    expect(firstAudio).toBeLessThan(kinds.lastIndexOf('message'))
    expect(kinds.slice(-2)).toEqual(['message_end', 'tts_message_end'])
    expect(events.at(-1)?.audio).toBe('')
    expect(events.at(-1)?.message_id).toBe(events[0]?.message_id)

    const chunks = events
      .filter((event) => event.event === 'tts_message')
      .map((event) => decodeBase64(event.audio))
    const wav = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0))
    chunks.reduce((offset, chunk) => (wav.set(chunk, offset), offset + chunk.length), 0)
    expect(String.fromCharCode(...wav.subarray(0, 4))).toBe('RIFF')
    expect(new DataView(wav.buffer).getUint32(4, true)).toBe(wav.length - 8)
  })

  it('sends no tts events when autoPlay is off', async () => {
    const { events } = await fakeDify().turn(
      '[[echo]] hi',
      ALICE,
      { inputs: FULL_INPUTS },
      'app-full',
    )
    expect(types(events)).not.toContain('tts_message')
  })
})

describe('fake Dify: files (docs/dify-wire.md#files)', () => {
  it('answers an upload with 201 and the file object', async () => {
    const { call } = fakeDify()
    const response = await call('POST', '/files/upload', { key: 'app-full', body: formWith(png()) })
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'photo.png',
      size: 16,
      extension: 'png',
      mime_type: 'image/png',
      created_by: expect.stringMatching(/^[0-9a-f-]{36}$/),
      created_at: expect.any(Number),
    })
  })

  it.each([
    ['no file', formWith(null), 400, 'no_file_uploaded'],
    ['an executable', formWith(new Blob(['MZ']), 'setup.exe'), 415, 'unsupported_file_type'],
    ['an image over 10 MB', formWith(png(10 * 1024 * 1024 + 1)), 413, 'file_too_large'],
  ])('answers %s with %s %s', async (_name, form, status, code) => {
    const response = await fakeDify().call('POST', '/files/upload', { body: form })
    expect(await envelope(response)).toMatchObject({ status, body: { code, status } })
  })

  it('answers two files with 400 too_many_files', async () => {
    const form = formWith(png())
    form.append('other', png(), 'b.png')
    const response = await fakeDify().call('POST', '/files/upload', { body: form })
    expect(await envelope(response)).toMatchObject({
      status: 400,
      body: { code: 'too_many_files' },
    })
  })

  it("lists the user's upload on their message, and refuses it to anyone else", async () => {
    const { call, send, turn } = fakeDify()
    const upload = (await (
      await call('POST', '/files/upload', { key: 'app-full', body: formWith(png()) })
    ).json()) as Json
    const files = [{ type: 'image', transfer_method: 'local_file', upload_file_id: upload.id }]
    const stolen = await send('look', BOB, { inputs: FULL_INPUTS, files }, 'app-full')
    expect(await envelope(stolen)).toEqual({
      status: 400,
      body: { code: 'invalid_param', message: 'Invalid upload file', status: 400 },
    })

    const { events } = await turn(
      '[[echo]] look',
      ALICE,
      { inputs: FULL_INPUTS, files },
      'app-full',
    )
    const [message] = await historyOf(call, events, 'app-full')
    expect(message?.message_files).toEqual([
      {
        id: expect.any(String),
        filename: 'photo.png',
        type: 'image',
        url: expect.stringMatching(/^data:image\/png;base64,/),
        mime_type: 'image/png',
        size: 16,
        transfer_method: 'local_file',
        belongs_to: 'user',
        upload_file_id: upload.id,
      },
    ])
  })

  it('ignores files silently when the app has file upload off', async () => {
    const { turn, call } = fakeDify()
    const files = [{ type: 'image', transfer_method: 'local_file', upload_file_id: 'nope' }]
    const { events } = await turn('[[echo]] look', ALICE, { files })
    const [message] = await historyOf(call, events, 'app-chat')
    expect(message?.message_files).toEqual([])
  })
})

describe('fake Dify: audio (docs/dify-wire.md#audio)', () => {
  const audio = (type = 'audio/webm', bytes = 100) =>
    formWith(new Blob([new Uint8Array(bytes)], { type }), 'voice.webm')

  it('transcribes a recording, 400 when speech to text is off', async () => {
    const { call } = fakeDify()
    const ok = await call('POST', '/audio-to-text', { key: 'app-full', body: audio() })
    expect(await ok.json()).toEqual({ text: 'Hello from your voice (100 bytes)' })
    const off = await call('POST', '/audio-to-text', { body: audio() })
    expect(await envelope(off)).toMatchObject({ status: 400, body: { code: 'invalid_param' } })
  })

  it('refuses a non-audio file with 415 and no file with 400', async () => {
    const { call } = fakeDify()
    const text = await call('POST', '/audio-to-text', {
      key: 'app-full',
      body: audio('text/plain'),
    })
    expect(await envelope(text)).toMatchObject({
      status: 415,
      body: { code: 'unsupported_audio_type' },
    })
    const none = await call('POST', '/audio-to-text', { key: 'app-full', body: formWith(null) })
    expect(await envelope(none)).toMatchObject({ status: 400, body: { code: 'no_audio_uploaded' } })
  })

  it('speaks text as a WAV file, 400 when text to speech is off or there is no text', async () => {
    const { call, dify } = fakeDify()
    const spoken = await call('POST', '/text-to-audio', {
      key: 'app-full',
      json: { text: 'Hello there', user: ALICE },
    })
    expect(spoken.headers.get('Content-Type')).toBe('audio/wav')
    const wav = new Uint8Array(await spoken.arrayBuffer())
    expect(String.fromCharCode(...wav.subarray(8, 12))).toBe('WAVE')
    expect(dify.speechRequests.at(-1)).toEqual({
      user: ALICE,
      text: 'Hello there',
      message_id: undefined,
    })
    const off = await call('POST', '/text-to-audio', { json: { text: 'hi', user: ALICE } })
    expect(await envelope(off)).toMatchObject({
      status: 400,
      body: { message: 'TTS is not enabled' },
    })
    const empty = await call('POST', '/text-to-audio', { key: 'app-full', json: { user: ALICE } })
    expect(await envelope(empty)).toMatchObject({
      status: 400,
      body: { message: 'Text is required' },
    })
  })

  it("like Dify, speaks anyone's message by id, and answers null for an unknown one", async () => {
    const { call, turn } = fakeDify()
    const { events } = await turn('[[echo]] secret', ALICE, { inputs: FULL_INPUTS }, 'app-full')
    const byBob = await call('POST', '/text-to-audio', {
      key: 'app-full',
      json: { message_id: events[0]?.message_id, user: BOB },
    })
    expect(byBob.headers.get('Content-Type')).toBe('audio/wav')
    const unknown = await call('POST', '/text-to-audio', {
      key: 'app-full',
      json: { message_id: crypto.randomUUID(), user: BOB },
    })
    expect([unknown.status, unknown.headers.get('Content-Type'), await unknown.text()]).toEqual([
      200,
      'application/json',
      'null',
    ])
  })
})

describe('fake Dify: buggyDelete (Dify ~1.8 to early 2026, docs/dify-wire.md#delete-conversation)', () => {
  it("deletes anyone's conversation by id and answers 204 even for unknown ids", async () => {
    const { turn, call } = fakeDify({ tokenDelayMs: 0, buggyDelete: true })
    const { events } = await turn('[[echo]] mine')
    const id = events[0]?.conversation_id as string
    const byBob = await call('DELETE', `/conversations/${id}`, { json: { user: BOB } })
    expect(byBob.status).toBe(204)
    const history = await call('GET', '/messages', { query: { conversation_id: id, user: ALICE } })
    expect(history.status).toBe(404)
    const unknown = await call('DELETE', `/conversations/${crypto.randomUUID()}`, {
      json: { user: BOB },
    })
    expect(unknown.status).toBe(204)
  })
})
