import { fileURLToPath } from 'node:url'
import { validateConfig } from '../config/validate.ts'
import { FAKE_APPS } from '../demo/fake-apps.ts'
import { serveFakeDify, type ServedFakeDify } from '../demo/serve-fake-dify.ts'
import { startServer, type RunningServer, type StartOptions } from '../node/start-server.ts'

export const SECRET_KEY = 'app-SeCrEt-K3y-never-in-a-browser'
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TEMPLATE = `<!doctype html><html lang="en"><head><!--chatskins:head--></head><body><div id="app"></div><!--chatskins:boot--></body></html>`

export interface TestStack {
  upstream: ServedFakeDify
  server: RunningServer
  /** `fetch` against chatskins, with a cookie jar per visitor name. */
  visit(visitor: string, path: string, init?: RequestInit): Promise<Response>
  talk(visitor: string, body: unknown, init?: RequestInit): Promise<Response>
  /** The Dify `user` chatskins derived for a visitor, read from the visitor's cookie. */
  difyUserOf(visitor: string, endpointId?: string): string
  close(): Promise<void>
}

/** The fake Dify and chatskins, both on real HTTP on 127.0.0.1 with ephemeral ports. */
export async function startTestStack(limits?: StartOptions['limits']): Promise<TestStack> {
  const upstream = await serveFakeDify({
    tokenDelayMs: 2,
    apps: { ...FAKE_APPS, [SECRET_KEY]: { ...FAKE_APPS['app-chat']! } },
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
    env: { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'integration-test-secret-123' },
    config,
    pageTemplate: TEMPLATE,
    log: () => {},
    ...(limits ? { limits } : {}),
  })
  const jars = new Map<string, string>()
  const visit = async (visitor: string, path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    const cookie = jars.get(visitor)
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(`${server.url}${path}`, { ...init, headers })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) jars.set(visitor, setCookie.split(';')[0]!)
    return response
  }
  return {
    upstream,
    server,
    visit,
    talk: (visitor, body, init = {}) =>
      visit(visitor, '/chat/talk', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        ...init,
      }),
    difyUserOf(visitor, endpointId = 'chat') {
      const visitorId = jars.get(visitor)?.split('=')[1]?.split('.')[0]
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
