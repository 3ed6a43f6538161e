import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DirectAnswer } from '../relay/direct-talk.ts'
import { createNodeDirectTalk } from './node-direct-talk.ts'

// A Dify stand-in that streams two events, or holds the stream open until the reader leaves.
let upstreamClosed: Promise<void> = Promise.resolve()
const upstream = createServer((request, response) => {
  request.resume()
  response.writeHead(200, { 'Content-Type': 'text/event-stream' })
  if (request.url === '/hold') {
    upstreamClosed = new Promise((resolve) => response.once('close', () => resolve()))
    response.write('event: ping\n\n')
    return
  }
  response.write('data: {"event":"message","task_id":"t","answer":"hi","extra":1}\n\n')
  response.end('data: {"event":"message_end","task_id":"t","id":"m","metadata":{}}\n\n')
})

const direct = createNodeDirectTalk()
const relay = { idleTimeoutMs: 5_000, keepAliveMs: 5_000, maxRecordBytes: 10_000 }
const app = new Hono()
app.use(async (c, next) => {
  await next()
  if (c.req.header('x-fail')) throw new Error('a middleware failed after the route')
  c.res.headers.append('Set-Cookie', 'after=route')
})
app.onError((_error, c) => c.json({ code: 'internal_error' }, 500))
let lastAnswer: DirectAnswer | null = null
app.post('/talk/:path', async (c) => {
  const answer = await direct.talk.open(c.env, {
    url: `${upstreamUrl}/${c.req.param('path')}`,
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
    relay,
    signal: c.req.raw.signal,
    onUpstreamStatus() {},
  })
  lastAnswer = answer
  if (!answer) return c.text('web path')
  return new Response(null, { status: 200, headers: { 'Content-Type': 'text/event-stream' } })
})

let upstreamUrl = ''
let server: ReturnType<typeof serve>
let serverUrl = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
  await new Promise<void>((resolve) => {
    server = serve({ fetch: direct.wrap(app.fetch), hostname: '127.0.0.1', port: 0 }, () =>
      resolve(),
    )
  })
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  upstream.closeAllConnections()
  await new Promise((resolve) => upstream.close(resolve))
  ;(server as Server).closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('createNodeDirectTalk', () => {
  it('relays through the socket, with the headers every middleware set after the route', async () => {
    const response = await fetch(`${serverUrl}/talk/answer`, { method: 'POST' })
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    expect(response.headers.get('set-cookie')).toBe('after=route')
    const body = await response.text()
    expect(body).toBe(
      'data: {"event":"message","task_id":"t","answer":"hi"}\n\n' +
        'data: {"event":"message_end","task_id":"t","id":"m","metadata":{}}\n\n',
    )
    expect(await lastAnswer!.sent).toEqual({ bytes: body.length, outcome: 'complete' })
  })

  it('declines a request that did not come through the Node server (the web path runs)', async () => {
    const response = await app.request('/talk/answer', { method: 'POST' })
    expect(await response.text()).toBe('web path')
  })

  it("sends what a failing middleware answered, and lets go of Dify's stream", async () => {
    const response = await fetch(`${serverUrl}/talk/hold`, {
      method: 'POST',
      headers: { 'x-fail': '1' },
    })
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ code: 'internal_error' })
    expect(await lastAnswer!.sent).toEqual({ bytes: 0, outcome: 'aborted' })
    await upstreamClosed
  })

  it('stops reading Dify when the browser leaves', async () => {
    const controller = new AbortController()
    const response = await fetch(`${serverUrl}/talk/hold`, {
      method: 'POST',
      signal: controller.signal,
    })
    expect(response.status).toBe(200)
    controller.abort()
    await upstreamClosed
  })
})
