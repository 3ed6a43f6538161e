import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestLogEntry } from '../http/request-log.ts'
import { SECRET_KEY, startTestStack, type TestStack } from './test-stack.ts'

let stack: TestStack
const lines: string[] = []
beforeAll(async () => {
  stack = await startTestStack(undefined, {}, { log: (line) => lines.push(line) })
})
afterAll(() => stack.close())

const entries = () =>
  lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as RequestLogEntry)

describe('the request log over real HTTP', () => {
  it('writes one JSON line per request, a stream when it has ended, without secrets or text', async () => {
    const words = 'my private question about Zanzibar'
    const page = await stack.visit('ann', '/chat/')
    await page.text()
    const response = await stack.talk('ann', { query: words })
    const requestId = response.headers.get('x-request-id')!
    const body = await response.text()
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!
    await expect.poll(() => entries().find((entry) => entry.request_id === requestId)).toBeTruthy()

    const talk = entries().find((entry) => entry.request_id === requestId)!
    expect(talk).toMatchObject({
      endpoint: 'chat',
      method: 'POST',
      route: '/:id/talk',
      status: 200,
      upstream_status: 200,
      bytes: new TextEncoder().encode(body).byteLength,
      outcome: 'complete',
    })
    expect(entries().find((entry) => entry.route === '/:id/')).toMatchObject({
      status: 200,
      upstream_status: null,
    })
    const log = lines.join('\n')
    expect(log).not.toContain(SECRET_KEY)
    expect(log).not.toContain('Zanzibar')
    expect(log).not.toContain(cookie.split('=')[1]!)
    expect(log).not.toContain(stack.difyUserOf('ann'))
  })

  it('times a stream until its last byte, not until its headers', async () => {
    const started = performance.now()
    const response = await stack.talk('eve', { query: '[[slow=40]] [[echo]] one two three four' })
    const headersAt = performance.now()
    await response.text()
    const endedAt = performance.now()
    const requestId = response.headers.get('x-request-id')
    await expect.poll(() => entries().find((entry) => entry.request_id === requestId)).toBeTruthy()
    const talk = entries().find((entry) => entry.request_id === requestId)!
    expect(endedAt - headersAt).toBeGreaterThan(100)
    expect(talk.duration_ms).toBeGreaterThanOrEqual(Math.floor(endedAt - headersAt) - 5)
    expect(talk.duration_ms).toBeLessThanOrEqual(Math.ceil(endedAt - started) + 5)
  })

  it('records the upstream status of a failed turn and answers with a request id', async () => {
    const response = await stack.talk('ben', { query: '[[http=429]] hi' })
    expect(response.status).toBe(429)
    const requestId = response.headers.get('x-request-id')
    expect(requestId).toMatch(/^[0-9a-f]{16}$/)
    await response.text()
    await expect
      .poll(() => entries().find((entry) => entry.request_id === requestId))
      .toMatchObject({ status: 429, upstream_status: 429, route: '/:id/talk' })
  })

  it('logs an aborted stream with the bytes sent before the browser left', async () => {
    const controller = new AbortController()
    const response = await stack.talk(
      'cat',
      { query: '[[slow=30]] long story' },
      { signal: controller.signal },
    )
    const requestId = response.headers.get('x-request-id')
    const reader = response.body!.getReader()
    await reader.read()
    controller.abort()
    await expect
      .poll(() => entries().find((entry) => entry.request_id === requestId))
      .toMatchObject({ outcome: 'aborted', status: 200 })
    expect(entries().find((entry) => entry.request_id === requestId)!.bytes).toBeGreaterThan(0)
  })

  it('logs a request a middleware refused under the route it was for', async () => {
    const response = await stack.talk(
      'eve',
      { query: 'hi' },
      { headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' } },
    )
    expect(response.status).toBe(403)
    const requestId = response.headers.get('x-request-id')
    await response.text()
    await expect
      .poll(() => entries().find((entry) => entry.request_id === requestId))
      .toMatchObject({ status: 403, route: '/:id/talk', method: 'POST' })
  })

  it('puts a request id on every response, errors and static files included', async () => {
    for (const path of ['/healthz', '/', '/nope/talk', '/chat/api/parameters']) {
      const response = await stack.visit('dan', path)
      await response.arrayBuffer()
      expect(response.headers.get('x-request-id'), path).toMatch(/^[0-9a-f]{16}$/)
    }
  })
})
