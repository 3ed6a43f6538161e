import { describe, expect, it } from 'vitest'
import { answerOf, fakeDify, types } from '../demo/fake-test-client.ts'

/** The demo bot as it ships (no faults plugged in) beside the test fake (TEST_FAULTS). */
const demoBot = () => fakeDify({ tokenDelayMs: 0, faults: undefined })
const testFake = () => fakeDify({ tokenDelayMs: 0 })

describe('fault directives', () => {
  it('are ignored by the demo bot as it ships, which answers the query in full', async () => {
    for (const faults of ['[[http=500]]', '[[dify-error=not_chat_app]]', '[[html=502]]']) {
      const { events, raw } = await demoBot().turn(`${faults}[[echo]] Hello there`)
      expect(answerOf(events)).toBe('Hello there')
      expect(types(events).at(-1)).toBe('message_end')
      expect(raw).not.toContain('event: ping')
    }
    const broken = await demoBot().turn('[[reset]][[classic]][[ping-first]][[echo]] Grüße')
    expect(answerOf(broken.events)).toBe('Grüße')
    expect(broken.raw.startsWith('data: {"event":')).toBe(true)
    expect(broken.raw).not.toContain('\\u00fc')
  })

  it('make the test fake misbehave for the same message', async () => {
    const { call } = testFake()
    const response = await call('POST', '/chat-messages', {
      json: {
        query: '[[http=500]][[echo]] Hello',
        user: 'u',
        inputs: {},
        response_mode: 'streaming',
      },
    })
    expect(response.status).toBe(500)
    expect(await response.json()).toMatchObject({ code: 'internal_server_error', status: 500 })

    const classic = await testFake().turn('[[ping-first]][[classic]][[echo]] Grüße')
    expect(classic.raw.startsWith('event: ping\n\n')).toBe(true)
    expect(classic.raw).toContain('{"event": "message", ')
    expect(classic.raw).toContain('\\u00fc')
    expect(answerOf(classic.events)).toBe('Grüße')
  })
})
