import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SECRET_FULL_KEY, SECRET_KEY, startTestStack, type TestStack } from './test-stack.ts'

const SECRETS = [SECRET_KEY, SECRET_FULL_KEY]
const UNKNOWN = '0b7d1f5e-1c2a-4e3b-9d4c-5f6a7b8c9d0e'
const logs: string[] = []
let stack: TestStack

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logs.push(args.map((arg) => (arg instanceof Error ? `${arg.stack}` : String(arg))).join(' '))
    })
  }
  stack = await startTestStack(
    { relay: { idleTimeoutMs: 300, keepAliveMs: 100, maxRecordBytes: 1_000_000 } },
    {},
    { log: (line) => logs.push(line) },
  )
})
afterAll(async () => {
  await stack.close()
  vi.restoreAllMocks()
})

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

function upload(name: string, type: string, bytes = 10): RequestInit {
  const body = new FormData()
  body.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
  return { method: 'POST', body }
}

/** Every route, answered normally and with each kind of error, on both keyed endpoints. */
function everyRoute(endpoint: string, conversationId: string, messageId: string) {
  const api = `/${endpoint}/api`
  const talk = (query: string, extra = {}) =>
    [`/${endpoint}/talk`, json({ query, inputs: { name: 'Ann', lang: 'en' }, ...extra })] as const
  return [
    [`/${endpoint}/`],
    [`/${endpoint}`, { redirect: 'manual' }],
    [`${api}/parameters`],
    talk('[[echo]] hello'),
    talk('[[cite]] [[file]] hello'),
    talk('hello', { conversation_id: conversationId }),
    talk('hello', { conversation_id: UNKNOWN }),
    ...[400, 401, 403, 404, 413, 429, 500, 503].map((status) => talk(`[[http=${status}]] x`)),
    talk('[[html=502]] x'),
    talk('[[error-event=400]] x'),
    talk('[[error-event=500]] x'),
    talk('[[reset]] x'),
    talk('[[stall]] x'),
    talk('[[garbage]] x'),
    talk(''),
    [`/${endpoint}/talk`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' }],
    [`/${endpoint}/talk`, { ...json({}), body: '{' }],
    [`/${endpoint}/talk`, json({ query: 'x'.repeat(100_000) })],
    [`${api}/messages?conversation_id=${conversationId}`],
    [`${api}/messages?conversation_id=${UNKNOWN}`],
    [`${api}/messages`],
    [`${api}/conversations`],
    [`${api}/conversations?last_id=nope`],
    [`${api}/conversations/${conversationId}/name`, json({ name: 'Renamed' })],
    [`${api}/conversations/${UNKNOWN}/name`, json({ name: 'x' })],
    [`${api}/messages/${messageId}/feedbacks`, json({ rating: 'like' })],
    [`${api}/messages/${UNKNOWN}/feedbacks`, json({ rating: 'like' })],
    [`${api}/messages/${messageId}/suggested`],
    [`${api}/messages/${UNKNOWN}/suggested`],
    [`${api}/chat-messages/${UNKNOWN}/stop`, json({})],
    [`${api}/files/upload`, upload('a.png', 'image/png')],
    [`${api}/files/upload`, upload('a.exe', 'application/x-msdownload')],
    [`${api}/files/upload`, { method: 'POST', body: new FormData() }],
    [`${api}/audio-to-text`, upload('v.webm', 'audio/webm', 100)],
    [`${api}/audio-to-text`, upload('v.txt', 'text/plain')],
    [`${api}/text-to-audio`, json({ text: 'Hello' })],
    [`${api}/text-to-audio`, json({ message_id: UNKNOWN })],
    [`${api}/conversations/${UNKNOWN}`, { method: 'DELETE' }],
    [`${api}/conversations/${conversationId}`, { method: 'DELETE' }],
    [`${api}/nope`],
  ] as Array<readonly [string, RequestInit?]>
}

describe('the Dify key never leaves the server', () => {
  it('appears in no response header or body of any route, errors included, nor in any log line', async () => {
    const seen: string[] = []
    const statuses = new Set<number>()
    const record = async (response: Response) => {
      statuses.add(response.status)
      seen.push(JSON.stringify([...response.headers]), await response.text())
    }
    for (const path of ['/', '/healthz', '/nope/', '/assets/none.js', '/down/api/parameters']) {
      await record(await stack.visit('kay', path))
    }
    await record(await stack.visit('kay', '/down/talk', json({ query: 'hi' })))
    for (const endpoint of ['chat', 'full']) {
      const first = await stack.visit(
        'kay',
        `/${endpoint}/talk`,
        json({ query: '[[echo]] hi', inputs: { name: 'Ann', lang: 'en' } }),
      )
      const text = await first.text()
      const conversationId = /"conversation_id":"([^"]+)"/.exec(text)![1]!
      const messageId = /"message_id":"([^"]+)"/.exec(text)![1]!
      for (const [path, init] of everyRoute(endpoint, conversationId, messageId)) {
        await record(await stack.visit('kay', path, init))
      }
    }
    // The drive reached successes, client errors and upstream failures alike.
    for (const status of [200, 201, 301, 400, 404, 413, 415, 429, 500, 502]) {
      expect(statuses, `status ${status} was reached`).toContain(status)
    }
    expect(seen.join('\n').length).toBeGreaterThan(10_000)
    // The capture works: the server's start-up lines are in it.
    expect(logs.some((line) => line.includes('chatskins serving'))).toBe(true)

    for (const secret of SECRETS) {
      expect(seen.filter((text) => text.includes(secret))).toEqual([])
      expect(logs.filter((line) => line.includes(secret))).toEqual([])
    }
    expect(seen.filter((text) => /Bearer /i.test(text))).toEqual([])
  })
})
