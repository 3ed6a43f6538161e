import { request, type IncomingMessage } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateConfig } from '../config/validate.ts'
import { startServer, type RunningServer, type StartOptions } from '../node/start-server.ts'
import { startFirehoseDify, type FirehoseDify } from './firehose-dify.ts'
import { rawRequest } from './raw-request.ts'
import { startRecordingProxy, type RecordingProxy } from './recording-proxy.ts'
import {
  FULL_INPUTS,
  readEvents,
  ROOT,
  SECRET_FULL_KEY,
  startTestStack,
  TEMPLATE,
  type TestStack,
} from './test-stack.ts'

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack.close())

describe('path decoding', () => {
  it('never serves a theme manifest, however the path is spelled', async () => {
    for (const path of [
      '/themes/minimal/theme.json',
      '/themes/minimal/theme.json%2f.',
      '/themes/minimal/theme.json%2F',
      '/themes/minimal/theme.json%5c.',
      '/themes/minimal/x%2f..%2ftheme.json',
      '/themes/minimal/%2e/theme.json',
      '/themes/minimal/THEME.JSON',
      '/themes/minimal/theme%252ejson',
    ]) {
      const answer = await rawRequest(stack.server.url, path)
      expect([400, 404], path).toContain(answer.status)
      expect(answer.body, path).not.toContain('"name"')
    }
    // The pack's own files still serve.
    expect((await rawRequest(stack.server.url, '/themes/minimal/theme.css')).status).toBe(200)
  })

  it('answers a malformed escape with a 400 JSON error', async () => {
    for (const path of ['/static/%', '/themes/%E0%A4%A', '/assets/%zz.js', '/fonts/%']) {
      const answer = await rawRequest(stack.server.url, path)
      expect(answer.status, path).toBe(400)
      expect(JSON.parse(answer.body), path).toMatchObject({ code: 'invalid_path' })
    }
  })
})

describe('deep JSON', () => {
  it('refuses inputs nested thousands of levels deep with 400 invalid_param', async () => {
    for (const levels of [5_000, 30_000]) {
      const body = `{"query":"hi","inputs":{"a":${'['.repeat(levels)}${']'.repeat(levels)}}}`
      const response = await stack.visit('deep', '/load/talk', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ code: 'invalid_param' })
    }
  })
})

describe('conversation names', () => {
  it('refuses a flood of generated names with 429, and still lets a plain rename through', async () => {
    // `limited`: 2 a minute per visitor; generating a name is an LLM call at Dify.
    const events = await readEvents(await stack.talk('namer', { query: 'hi' }, {}, 'limited'))
    const conversationId = events.find((event) => event.conversation_id)!.conversation_id as string
    const rename = (body: unknown) =>
      stack.api('namer', 'limited', 'POST', `conversations/${conversationId}/name`, body)
    for (let i = 0; i < 2; i++) expect((await rename({ auto_generate: true })).status).toBe(200)
    const refused = await rename({ auto_generate: true })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await refused.json()).toMatchObject({ code: 'rate_limited' })
    // A name the visitor types is a database write at Dify, no LLM: not counted.
    const typed = await rename({ name: 'Mine' })
    expect(typed.status).toBe(200)
    expect(await typed.json()).toMatchObject({ name: 'Mine' })
  })
})

/** A second chatskins on the same fake Dify, with its own config and environment. */
async function startVariant(
  /** A config file's contents. */
  config: Record<string, unknown>,
  env: StartOptions['env'] = {},
): Promise<RunningServer> {
  return startServer({
    root: ROOT,
    env: { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'hardening-test-secret-123', ...env },
    config: validateConfig(config, { source: 'test', themeIds: ['minimal'] }),
    pageTemplate: TEMPLATE,
    log: () => {},
  })
}

describe('allowed hosts', () => {
  it('answers 421 to a Host that is not listed, whatever its port, and serves the listed ones', async () => {
    const server = await startVariant({
      allowedHosts: ['chat.example.com', '127.0.0.1'],
      endpoints: [{ id: 'chat', dify: { apiBase: stack.upstream.apiBase, apiKey: 'app-chat' } }],
    })
    try {
      for (const host of [
        'rebound.attacker.example',
        'chat.example.com.evil.example',
        'localhost',
      ]) {
        const answer = await rawRequest(server.url, '/chat/api/parameters', { headers: { host } })
        expect(answer.status, host).toBe(421)
        expect(JSON.parse(answer.body), host).toMatchObject({ code: 'misdirected_request' })
      }
      for (const host of ['chat.example.com', 'CHAT.example.com:8443', '127.0.0.1:1']) {
        const answer = await rawRequest(server.url, '/chat/api/parameters', { headers: { host } })
        expect(answer.status, host).toBe(200)
      }
    } finally {
      await server.close(0)
    }
  })
})

describe('visitor cookie', () => {
  it('over https is a __Host- cookie for the whole site, named after the endpoint', async () => {
    const answer = await rawRequest(stack.server.url, '/chat/api/parameters', {
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(String(answer.headers['set-cookie'])).toMatch(
      /^__Host-chatskins_visitor_chat=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    )
  })

  it('trusts neither of two visitor cookies: the visitor gets a fresh identity', async () => {
    const first = await stack.talk('twin', { query: 'mine' })
    const own = first.headers.get('set-cookie')!.split(';')[0]!
    await readEvents(first)
    const list = (cookie: string) =>
      rawRequest(stack.server.url, '/chat/api/conversations', { headers: { cookie } })
    const alone = await list(own)
    expect(alone.headers['set-cookie']).toBeUndefined()
    expect(JSON.parse(alone.body).data).toHaveLength(1)
    const planted = 'chatskins_visitor=00000000-0000-4000-8000-000000000000.planted'
    for (const cookie of [`${own}; ${planted}`, `${planted}; ${own}`, `${own}; ${own}`]) {
      const answer = await list(cookie)
      expect(answer.status, cookie).toBe(200)
      expect(String(answer.headers['set-cookie']), cookie).toMatch(/^chatskins_visitor=/)
      expect(JSON.parse(answer.body).data, cookie).toEqual([])
    }
  })
})

describe('what reaches Dify from the browser', () => {
  let proxy: RecordingProxy
  let server: RunningServer
  beforeAll(async () => {
    proxy = await startRecordingProxy(stack.upstream.apiBase)
    server = await startVariant({
      endpoints: [{ id: 'full', dify: { apiBase: proxy.apiBase, apiKey: SECRET_FULL_KEY } }],
    })
  })
  afterAll(async () => {
    await server.close(0)
    await proxy.close()
  })
  const talk = (body: unknown, cookie = '') =>
    fetch(`${server.url}/full/talk`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', cookie },
      body: JSON.stringify(body),
    })
  const chatBodies = () =>
    proxy.requests
      .filter((request) => request.path.endsWith('/chat-messages'))
      .map((request) => JSON.parse(request.body) as Record<string, unknown>)

  it('carries only the known fields of each file', async () => {
    const form = new FormData()
    form.append('file', new Blob(['%PDF-1.4 hi'], { type: 'application/pdf' }), 'a.pdf')
    const uploaded = await fetch(`${server.url}/full/api/files/upload`, {
      method: 'POST',
      body: form,
    })
    const cookie = uploaded.headers.get('set-cookie')!.split(';')[0]!
    const { id } = (await uploaded.json()) as { id: string }
    const hostile = {
      tenant_id: 'other-tenant',
      user: 'someone-else',
      id: 'x',
      dify_model_identity: 'y',
    }
    const response = await talk(
      {
        query: 'read this',
        inputs: FULL_INPUTS,
        files: [
          { type: 'document', transfer_method: 'local_file', upload_file_id: id, ...hostile },
          {
            type: 'image',
            transfer_method: 'remote_url',
            url: 'https://example.com/a.png',
            ...hostile,
          },
        ],
      },
      cookie,
    )
    expect(response.status).toBe(200)
    await response.text()
    expect(chatBodies().at(-1)!.files).toEqual([
      { type: 'document', transfer_method: 'local_file', upload_file_id: id },
      { type: 'image', transfer_method: 'remote_url', url: 'https://example.com/a.png' },
    ])
  })

  it('refuses remote_urls that point inside the network, in files and in inputs, before Dify sees them', async () => {
    const before = chatBodies().length
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00:ec2::254]/',
      'http://10.0.0.5/',
      'http://localhost:6379/',
    ]) {
      const file = { type: 'image', transfer_method: 'remote_url', url }
      const asFile = await talk({ query: 'look', inputs: FULL_INPUTS, files: [file] })
      expect(asFile.status, url).toBe(400)
      expect(await asFile.json(), url).toMatchObject({
        code: 'invalid_files',
        message: expect.stringContaining('local or private address'),
      })
      const asInput = await talk({ query: 'look', inputs: { ...FULL_INPUTS, doc: [file] } })
      expect(asInput.status, url).toBe(400)
      expect(await asInput.json(), url).toMatchObject({ code: 'invalid_inputs' })
    }
    expect(chatBodies().length).toBe(before)
  })
})

describe('streams', () => {
  let fastDify: FirehoseDify
  let pacedDify: FirehoseDify
  let server: RunningServer
  const endpoint = (id: string, dify: FirehoseDify, extra: Record<string, unknown> = {}) => ({
    id,
    dify: { apiBase: dify.apiBase, apiKey: 'app-firehose' },
    ...extra,
  })
  beforeAll(async () => {
    fastDify = await startFirehoseDify()
    pacedDify = await startFirehoseDify({ everyMs: 20 })
    server = await startVariant({
      endpoints: [
        endpoint('few', pacedDify, {
          rateLimit: { perIpPerMinute: 1000, perVisitorPerMinute: 1000, streamsPerIp: 2 },
        }),
        endpoint('drain', fastDify, { browserDrainTimeoutMs: 1000 }),
        endpoint('brief', pacedDify, { maxAnswerMs: 1000 }),
      ],
    })
  })
  afterAll(async () => {
    await server.close(0)
    await fastDify.close()
    await pacedDify.close()
  })
  const talk = (id: string) =>
    fetch(`${server.url}/${id}/talk`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"query":"write a lot"}',
    })

  it('caps the answers one IP streams at once, cookies or none', async () => {
    const open = [await talk('few'), await talk('few')]
    for (const response of open) expect(response.status).toBe(200)
    const refused = await talk('few')
    expect(refused.status).toBe(429)
    expect(await refused.json()).toMatchObject({ code: 'too_many_streams' })
    await open[0]!.body!.cancel()
    await expect
      .poll(async () => {
        const again = await talk('few')
        open.push(again)
        return again.status
      })
      .toBe(200)
    for (const response of open) await response.body?.cancel().catch(() => {})
  })

  it("cuts a browser that stopped reading at the drain deadline, and stops Dify's task", async () => {
    const stopsBefore = fastDify.stops.length
    const { hostname, port } = new URL(server.url)
    const { incoming, pausedAt } = await new Promise<{
      incoming: IncomingMessage
      pausedAt: number
    }>((resolve, reject) => {
      const outgoing = request(
        {
          hostname,
          port,
          path: '/drain/talk',
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
        },
        (answer) =>
          answer.once('data', () => {
            answer.pause()
            resolve({ incoming: answer, pausedAt: Date.now() })
          }),
      )
      outgoing.on('error', reject)
      outgoing.end('{"query":"write a lot"}')
    })
    await expect.poll(() => fastDify.stops.length, { timeout: 5000 }).toBe(stopsBefore + 1)
    // The deadline counts from when the socket stopped taking bytes, once the buffers filled.
    const stoppedAfter = fastDify.stops.at(-1)!.at - pausedAt
    expect(stoppedAfter).toBeGreaterThanOrEqual(900)
    expect(stoppedAfter).toBeLessThan(4000)
    const visitorId = String(incoming.headers['set-cookie']).split('=')[1]!.split('.')[0]
    expect(fastDify.stops.at(-1)).toMatchObject({
      taskId: 'task-firehose',
      user: `chatskins:drain:${visitorId}`,
    })
    await expect.poll(() => fastDify.open()).toBe(0)
    // Reading again, the browser finds its connection cut, the answer unfinished.
    const ended = await new Promise<string>((resolve) => {
      incoming.on('error', () => {})
      incoming.on('end', () => resolve('complete'))
      incoming.on('close', () => resolve(incoming.complete ? 'complete' : 'cut'))
      incoming.resume()
    })
    expect(ended).toBe('cut')
  })

  it("ends an answer at its maximum duration with an error event, and stops Dify's task", async () => {
    const stopsBefore = pacedDify.stops.length
    const started = Date.now()
    const response = await talk('brief')
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(Date.now() - started).toBeLessThan(3000)
    const last = JSON.parse(text.trim().split('\n\n').at(-1)!.slice('data: '.length))
    expect(last).toMatchObject({ event: 'error', code: 'answer_too_long', status: 504 })
    await expect.poll(() => pacedDify.stops.length).toBe(stopsBefore + 1)
  })
})
