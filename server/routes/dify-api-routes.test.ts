import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv, EndpointRuntime } from '../app-env.ts'
import type { DifyClient, DifyRequest } from '../dify/dify-client.ts'
import { errorResponse } from '../errors.ts'
import { registerDifyApiRoutes } from './dify-api-routes.ts'

const USER = 'chatskins:pink:visitor-1'
const ID = '0b7d1f5e-1c2a-4e3b-9d4c-5f6a7b8c9d0e'

interface Sent {
  method: string
  path: string
  query?: DifyRequest['query']
  json?: unknown
  form?: Record<string, string>
}

/** The routes over a Dify stub that records every call and answers from `answer`. */
function routes(answer: (sent: Sent) => Response = () => Response.json({ ok: true })) {
  const sent: Sent[] = []
  const dify: DifyClient = {
    async request(method, path, request = {}) {
      const call: Sent = { method, path }
      if (request.query) call.query = request.query
      if (request.json !== undefined) call.json = request.json
      if (request.body instanceof ReadableStream) {
        // An upload, streamed through as multipart: read back as Dify would.
        const form = await new Response(request.body, {
          headers: { 'Content-Type': request.contentType ?? '' },
        }).formData()
        call.form = {}
        for (const [name, value] of form.entries()) {
          call.form[name] =
            typeof value === 'string' ? value : `file:${value.name}:${await value.text()}`
        }
      }
      sent.push(call)
      return answer(call)
    },
  }
  const app = new Hono<AppEnv>()
  app.onError((error) => errorResponse(error))
  app.use('/:id/*', async (c, next) => {
    c.set('endpoint', { dify } as unknown as EndpointRuntime)
    c.set('visitor', { id: 'visitor-1', user: USER })
    await next()
  })
  registerDifyApiRoutes(app, { maxBodyBytes: 1024, maxUploadBytes: 100, maxAudioBytes: 200 })
  const call = (method: string, path: string, body?: unknown) =>
    app.request(`/pink/api/${path}`, {
      method,
      ...(body instanceof FormData
        ? { body }
        : body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    })
  return { call, sent }
}

describe('what the /api routes send to Dify', () => {
  it("adds the visitor's user everywhere and drops the browser's", async () => {
    const { call, sent } = routes()
    const spoof = 'chatskins:pink:someone-else'
    await call('GET', `messages?conversation_id=${ID}&limit=5&user=${spoof}`)
    await call('GET', `conversations?sort_by=-created_at&user=${spoof}`)
    await call('POST', `conversations/${ID}/name`, { name: 'x', user: spoof })
    await call('POST', `messages/${ID}/feedbacks`, { rating: 'like', user: spoof })
    await call('GET', `messages/${ID}/suggested?user=${spoof}`)
    expect(sent).toEqual([
      {
        method: 'GET',
        path: '/messages',
        query: { conversation_id: ID, first_id: undefined, limit: '5', user: USER },
      },
      {
        method: 'GET',
        path: '/conversations',
        query: { last_id: undefined, limit: undefined, sort_by: '-created_at', user: USER },
      },
      {
        method: 'POST',
        path: `/conversations/${ID}/name`,
        json: { name: 'x', auto_generate: false, user: USER },
      },
      { method: 'POST', path: `/messages/${ID}/feedbacks`, json: { rating: 'like', user: USER } },
      { method: 'GET', path: `/messages/${ID}/suggested`, query: { user: USER } },
    ])
  })

  it("re-wraps an upload with only the file and the visitor's user", async () => {
    const { call, sent } = routes(() =>
      Response.json(
        {
          id: ID,
          name: 'a.png',
          size: 3,
          extension: 'png',
          mime_type: 'image/png',
          created_by: 'end-user',
          source_url: 'https://dify.internal/files/x?sign=secret',
          tenant_id: 't',
        },
        { status: 201 },
      ),
    )
    const body = new FormData()
    body.append('user', 'spoofed')
    body.append('extra', 'dropped')
    body.append('file', new Blob(['abc'], { type: 'image/png' }), 'a.png')
    const response = await call('POST', 'files/upload', body)
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({
      id: ID,
      name: 'a.png',
      size: 3,
      extension: 'png',
      mime_type: 'image/png',
    })
    expect(sent).toEqual([
      { method: 'POST', path: '/files/upload', form: { file: 'file:a.png:abc', user: USER } },
    ])
  })

  it('checks ownership before a delete, and deletes with a JSON body naming the user', async () => {
    const { call, sent } = routes((request) =>
      request.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : Response.json({ limit: 1, has_more: false, data: [] }),
    )
    const response = await call('DELETE', `conversations/${ID.toUpperCase()}`, { user: 'x' })
    expect(response.status).toBe(204)
    expect(sent).toEqual([
      {
        method: 'GET',
        path: '/messages',
        query: { conversation_id: ID, user: USER, limit: '1' },
      },
      { method: 'DELETE', path: `/conversations/${ID}`, json: { user: USER } },
    ])
  })

  it('never deletes when the ownership check fails, and relays an outage as itself', async () => {
    for (const [status, code, expected] of [
      [404, 'not_found', 404],
      [500, 'internal_server_error', 500],
    ] as const) {
      const { call, sent } = routes(() => Response.json({ code, message: 'x', status }, { status }))
      const response = await call('DELETE', `conversations/${ID}`, {})
      expect(response.status).toBe(expected)
      expect(await response.json()).toMatchObject({
        code: status === 404 ? 'conversation_not_found' : code,
      })
      expect(sent.map((request) => request.method)).toEqual(['GET'])
    }
  })

  it('sends text-to-audio only text and user, and relays audio/* only', async () => {
    let contentType = 'audio/mpeg; charset=binary'
    const { call, sent } = routes(
      () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': contentType } }),
    )
    const audio = await call('POST', 'text-to-audio', { text: ' hi ', message_id: ID, user: 'x' })
    expect(audio.headers.get('content-type')).toBe('audio/mpeg')
    expect([...new Uint8Array(await audio.arrayBuffer())]).toEqual([1, 2, 3])
    expect(sent[0]).toEqual({
      method: 'POST',
      path: '/text-to-audio',
      json: { text: 'hi', user: USER },
    })

    for (contentType of ['application/json', 'text/html', 'audio', '']) {
      const response = await call('POST', 'text-to-audio', { text: 'hi' })
      expect(response.status).toBe(502)
      expect(await response.json()).toMatchObject({ code: 'upstream_invalid_response' })
    }
  })

  it('calls Dify for no bad input at all', async () => {
    const { call, sent } = routes()
    const responses = await Promise.all([
      call('GET', 'messages'),
      call('GET', `messages?conversation_id=${ID}&limit=0`),
      call('GET', 'conversations?sort_by=name'),
      call('POST', `conversations/${ID}/name`, { name: '' }),
      call('POST', 'conversations/x/name', { name: 'ok' }),
      call('DELETE', 'conversations/x', {}),
      call('POST', `messages/${ID}/feedbacks`, { rating: 'meh' }),
      call('GET', 'messages/x/suggested'),
      call('POST', 'text-to-audio', {}),
      call('POST', 'files/upload', { file: 'x' }),
      call('POST', 'audio-to-text', new FormData()),
    ])
    expect(responses.map((response) => response.status)).toEqual([
      400, 400, 400, 400, 400, 400, 400, 400, 400, 415, 400,
    ])
    expect(sent).toEqual([])
  })

  it('maps Dify 404s to a code per resource', async () => {
    const notFound = () =>
      Response.json({ code: 'not_found', message: 'Gone.', status: 404 }, { status: 404 })
    const { call } = routes(notFound)
    const codes = async (method: string, path: string, body?: unknown) =>
      ((await (await call(method, path, body)).json()) as { code: string }).code
    expect(await codes('GET', `messages?conversation_id=${ID}`)).toBe('conversation_not_found')
    expect(await codes('POST', `conversations/${ID}/name`, { name: 'x' })).toBe(
      'conversation_not_found',
    )
    expect(await codes('POST', `messages/${ID}/feedbacks`, { rating: null })).toBe(
      'message_not_found',
    )
    expect(await codes('GET', `messages/${ID}/suggested`)).toBe('message_not_found')
    expect(await codes('GET', `conversations?last_id=${ID}`)).toBe('not_found')
  })

  it("keeps a proxy's 404 page generic, so the client doesn't drop a conversation for it", async () => {
    const { call } = routes(() => new Response('<html>404</html>', { status: 404 }))
    for (const path of [`messages?conversation_id=${ID}`, `messages/${ID}/suggested`]) {
      const response = await call('GET', path)
      expect(response.status).toBe(404)
      expect(await response.json()).toMatchObject({ code: 'upstream_unavailable' })
    }
  })
})
