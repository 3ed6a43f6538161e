import { fileURLToPath } from 'node:url'
import { validateConfig } from '../config/validate.ts'
import { TEST_APPS } from '../testing/test-apps.ts'
import type { FakeDifyOptions } from '../demo/fake-dify.ts'
import { serveFakeDify, type ServedFakeDify } from '../testing/serve-fake-dify.ts'
import { startServer, type RunningServer, type StartOptions } from '../node/start-server.ts'

export const SECRET_KEY = 'app-SeCrEt-K3y-never-in-a-browser'
/** The key of the `full` endpoint: the fake's `app-full`, every feature on. */
export const SECRET_FULL_KEY = 'app-FuLL-SeCrEt-never-in-a-browser'
/** Inputs the `full` and `tts` endpoints require (their `user_input_form`). */
export const FULL_INPUTS = { name: 'Ann', lang: 'en' }
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const TEMPLATE = `<!doctype html><html lang="en"><head><!--chatskins:head--></head><body><div id="app"></div><!--chatskins:boot--></body></html>`

/** The `shop` endpoint's `embedSecret`. */
export const EMBED_SECRET = 'integration-embed-secret-of-32-characters'

export interface TestStack {
  upstream: ServedFakeDify
  server: RunningServer
  /** `fetch` against chatskins, with a cookie jar per visitor name. */
  visit(visitor: string, path: string, init?: RequestInit): Promise<Response>
  /** `POST /<endpoint>/talk` (default `chat`) with a JSON body. */
  talk(visitor: string, body: unknown, init?: RequestInit, endpointId?: string): Promise<Response>
  /** A JSON request to `/<endpoint>/api/<path>`; GET without a body. */
  api(
    visitor: string,
    endpointId: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Response>
  /** The Dify `user` chatskins derived for a visitor, read from the visitor's cookie. */
  difyUserOf(visitor: string, endpointId?: string): string
  close(): Promise<void>
}

/**
 * The fake Dify and chatskins, both on real HTTP on 127.0.0.1 with ephemeral ports. Endpoints:
 * `chat` (a Chatbot), `flow` (Chatflow), `full` (every feature), `tts` (read-aloud), `agent`,
 * `limited` (low rate limits, embeddable by shop.example.com), `load` (limits lifted, for load
 * tests from one client) and `down` (Dify unreachable).
 */
export async function startTestStack(
  limits?: StartOptions['limits'],
  fakeOptions: Pick<FakeDifyOptions, 'buggyDelete'> = {},
  /** `log` receives chatskins' startup lines and its JSON request log. */
  serverOptions: Pick<StartOptions, 'log'> & { env?: StartOptions['env'] } = {},
): Promise<TestStack> {
  const upstream = await serveFakeDify({
    tokenDelayMs: 2,
    apps: {
      ...TEST_APPS,
      [SECRET_KEY]: { ...TEST_APPS['app-chat']! },
      [SECRET_FULL_KEY]: { ...TEST_APPS['app-full']! },
    },
    ...fakeOptions,
  })
  const config = validateConfig(
    {
      endpoints: [
        { id: 'chat', botName: 'Candy', dify: { apiBase: upstream.apiBase, apiKey: SECRET_KEY } },
        {
          id: 'flow',
          botName: 'Flow',
          dify: { apiBase: upstream.apiBase, apiKey: 'app-chatflow' },
        },
        {
          id: 'full',
          botName: 'Full',
          dify: { apiBase: upstream.apiBase, apiKey: SECRET_FULL_KEY },
        },
        { id: 'tts', botName: 'Voice', dify: { apiBase: upstream.apiBase, apiKey: 'app-tts' } },
        { id: 'agent', botName: 'Agent', dify: { apiBase: upstream.apiBase, apiKey: 'app-agent' } },
        {
          id: 'limited',
          botName: 'Limited',
          dify: { apiBase: upstream.apiBase, apiKey: 'app-chat' },
          frameAncestors: ["'self'", 'https://shop.example.com'],
          rateLimit: { perVisitorPerMinute: 2, perIpPerMinute: 3, streamsPerVisitor: 2 },
        },
        {
          id: 'load',
          botName: 'Load',
          dify: { apiBase: upstream.apiBase, apiKey: 'app-chat' },
          rateLimit: {
            perVisitorPerMinute: 10_000,
            perIpPerMinute: 100_000,
            streamsPerVisitor: 100,
            streamsPerIp: 10_000,
          },
        },
        {
          id: 'shop',
          botName: 'Shop',
          dify: { apiBase: upstream.apiBase, apiKey: 'app-chat' },
          embedOrigins: ['https://shop.example'],
          embedSecret: EMBED_SECRET,
        },
        {
          id: 'down',
          botName: 'Down',
          dify: { apiBase: 'http://127.0.0.1:9/v1', apiKey: 'app-chat' },
        },
      ],
    },
    { source: 'test', themeIds: ['minimal'] },
  )
  const server = await startServer({
    root: ROOT,
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      SESSION_SECRET: 'integration-test-secret-123',
      ...serverOptions.env,
    },
    config,
    pageTemplate: TEMPLATE,
    log: serverOptions.log ?? (() => {}),
    ...(limits ? { limits } : {}),
  })
  // The visitor cookie's path is `/<endpoint>/`, so a browser keeps one per endpoint.
  const jars = new Map<string, string>()
  const jarOf = (visitor: string, path: string) => `${visitor} ${path.split('/')[1] ?? ''}`
  const visit = async (visitor: string, path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    const cookie = jars.get(jarOf(visitor, path))
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(`${server.url}${path}`, { ...init, headers })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) jars.set(jarOf(visitor, path), setCookie.split(';')[0]!)
    return response
  }
  return {
    upstream,
    server,
    visit,
    talk: (visitor, body, init = {}, endpointId = 'chat') =>
      visit(visitor, `/${endpointId}/talk`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        ...init,
      }),
    api: (visitor, endpointId, method, path, body) =>
      visit(
        visitor,
        `/${endpointId}/api/${path}`,
        body === undefined
          ? { method }
          : {
              method,
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(body),
            },
      ),
    difyUserOf(visitor, endpointId = 'chat') {
      const visitorId = jars
        .get(jarOf(visitor, `/${endpointId}/`))
        ?.split('=')[1]
        ?.split('.')[0]
      if (!visitorId) throw new Error(`${visitor} has no visitor cookie yet`)
      return `chatskins:${endpointId}:${visitorId}`
    },
    async close() {
      await server.close(0)
      await upstream.close()
    },
  }
}

/** Reads a whole `/talk` answer into its parsed events. */
export async function readEvents(response: Response): Promise<Array<Record<string, unknown>>> {
  const text = await response.text()
  return text
    .split('\n\n')
    .filter((record) => record.startsWith('data: '))
    .map((record) => JSON.parse(record.slice('data: '.length)) as Record<string, unknown>)
}

export function answerOf(events: Array<Record<string, unknown>>): string {
  return events
    .filter((event) => event.event === 'message')
    .map((event) => event.answer)
    .join('')
}
