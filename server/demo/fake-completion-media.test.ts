import { describe, expect, it } from 'vitest'
import { ALICE, BOB, fakeDify, parseSse, type Json } from './fake-test-client.ts'

/** `app-completion-media` (server/testing/test-apps.ts): vision and TTS auto-play. */
const MEDIA = 'app-completion-media'

async function upload(call: ReturnType<typeof fakeDify>['call'], user: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(16)], { type: 'image/png' }), 'teapot.png')
  form.append('user', user)
  const response = await call('POST', '/files/upload', { key: MEDIA, body: form })
  expect(response.status).toBe(201)
  return ((await response.json()) as Json).id as string
}

async function complete(call: ReturnType<typeof fakeDify>['call'], key: string, extra: Json) {
  const response = await call('POST', '/completion-messages', {
    key,
    json: { inputs: { topic: 'Tea' }, response_mode: 'streaming', user: ALICE, ...extra },
  })
  return { response, events: response.status === 200 ? parseSse(await response.text()) : [] }
}

const answerOf = (events: Json[]) =>
  events
    .filter((event) => event.event === 'message')
    .map((event) => event.answer)
    .join('')

describe('fake completion app with vision and read-aloud', () => {
  it('reads the files sent with a run, as the sender’s own uploads only', async () => {
    const { call } = fakeDify()
    const picture = (id: string) => ({
      type: 'image',
      transfer_method: 'local_file',
      upload_file_id: id,
    })
    const mine = await upload(call, ALICE)
    const { events } = await complete(call, MEDIA, { files: [picture(mine)] })
    expect(answerOf(events)).toContain('- It looked at **teapot.png** (image).')

    const theirs = await upload(call, BOB)
    const refused = await complete(call, MEDIA, { files: [picture(theirs)] })
    expect(refused.response.status).toBe(400)
    expect(await refused.response.json()).toMatchObject({ code: 'invalid_param' })
  })

  it('streams tts_message audio with auto-play on, and none with it off', async () => {
    const { call } = fakeDify()
    const spoken = (await complete(call, MEDIA, {})).events.map((event) => event.event)
    expect(spoken).toContain('tts_message')
    expect(spoken.at(-1)).toBe('tts_message_end')
    const silent = (await complete(call, 'app-completion', {})).events.map((event) => event.event)
    expect(silent).not.toContain('tts_message')
    expect(silent.at(-1)).toBe('message_end')
  })
})
