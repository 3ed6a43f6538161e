import { Hono } from 'hono'
import type { AppKind } from '../../contract/app-kind.ts'
import { difyError } from './dify-errors.ts'
import { FAKE_APPS, type FakeApp } from './fake-apps.ts'
import { registerAudioRoutes, type SpeechRequest } from './fake-audio-routes.ts'
import { registerChatRoutes } from './fake-chat-routes.ts'
import { registerRunRoutes } from './fake-run-routes.ts'
import { registerFileRoutes } from './fake-file-routes.ts'
import { registerHistoryRoutes } from './fake-history-routes.ts'
import { createFakeFiles, type FakeFileUrls } from './fake-files.ts'
import { createFakeStore } from './fake-store.ts'
import type { FakeEnv } from './fake-env.ts'
import type { FakeTask } from './fake-tasks.ts'
import { FAKE_RECORD_BOUNDS, keepRecent } from './recent-records.ts'
import type { FaultDirectives } from './turn-faults.ts'

export const DEMO_API_BASE = 'http://demo.chatskins.invalid/v1'
/** The demo app an endpoint with `"dify": {"demo": true}` talks to, by its `app`. */
export const DEMO_API_KEYS: Readonly<Record<AppKind, string>> = {
  chat: 'app-demo',
  completion: 'app-completion',
  workflow: 'app-workflow',
}

export interface FakeDifyOptions {
  /** Milliseconds between streamed tokens. */
  tokenDelayMs?: number
  /** API key → app; defaults to FAKE_APPS. */
  apps?: Readonly<Record<string, FakeApp>>
  /**
   * Emulate Dify ~1.8 to early 2026 (docs/dify-wire.md#delete-conversation): `DELETE /conversations/:id` deletes by id
   * whoever asks, and answers 204 even for an unknown id.
   */
  buggyDelete?: boolean
  /** How file URLs look: `data:` URLs (default), or relative signed paths the fake serves. */
  fileUrls?: FakeFileUrls
  /** Test-only faults read from each message's directives (server/testing/test-faults.ts). */
  faults?: FaultDirectives
}

/**
 * A Dify-compatible upstream speaking the Service API wire format of docs/dify-wire.md: the demo bot of
 * `npm start` and the fake of every test. Conversations and uploads live in memory, scoped by
 * `user`.
 */
export function createFakeDify(options: FakeDifyOptions = {}) {
  const apps = options.apps ?? FAKE_APPS
  const store = createFakeStore()
  const files = createFakeFiles(options.fileUrls ?? 'inline')
  const tasks = new Map<string, FakeTask>()
  const speechRequests: SpeechRequest[] = []
  const stops: Array<{ taskId: string; user: string }> = []
  let cancelledStreams = 0
  const app = new Hono<FakeEnv>({ strict: false }).basePath('/v1')

  app.get('/', (c) =>
    c.json({ welcome: 'Dify OpenAPI', api_version: 'v1', server_version: '1.9.0' }),
  )
  app.use('*', async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const [scheme, key] = header.split(/\s+(.*)/s)
    if (!key) {
      return difyError(
        401,
        'unauthorized',
        "Authorization header must be provided and start with 'Bearer'",
      )
    }
    if (scheme?.toLowerCase() !== 'bearer') {
      return difyError(401, 'unauthorized', "Authorization scheme must be 'Bearer'")
    }
    const fakeApp = apps[key]
    if (!fakeApp) return difyError(401, 'unauthorized', 'Access token is invalid')
    c.set('app', fakeApp)
    c.set('store', store)
    c.set('files', files)
    await next()
  })

  app.get('/info', (c) =>
    c.json({
      name: c.get('app').name,
      description: '',
      tags: [],
      mode: c.get('app').mode,
      author_name: 'chatskins',
    }),
  )
  app.get('/parameters', (c) => c.json(c.get('app').parameters))

  const streamRoutes = {
    tokenDelayMs: options.tokenDelayMs ?? 5,
    tasks,
    onStop: (stop: { taskId: string; user: string }) =>
      keepRecent(stops, stop, FAKE_RECORD_BOUNDS.stops),
    onStreamCancelled: () => cancelledStreams++,
    faults: options.faults,
  }
  registerChatRoutes(app, streamRoutes)
  registerRunRoutes(app, streamRoutes)
  registerHistoryRoutes(app, { buggyDelete: options.buggyDelete ?? false })
  registerFileRoutes(app)
  registerAudioRoutes(app, (request) =>
    keepRecent(speechRequests, request, FAKE_RECORD_BOUNDS.speechRequests),
  )

  return {
    fetch: (request: Request) => {
      const url = new URL(request.url)
      // Dify serves files beside its API, not under /v1.
      if (request.method === 'GET' && url.pathname.startsWith('/files/')) {
        return Promise.resolve(files.serve(url))
      }
      return Promise.resolve(app.fetch(request))
    },
    store,
    /** Tasks still streaming, for tests that check clean-up. */
    activeTasks: () => tasks.size,
    /** The stop calls received (task id and user), in order; the latest FAKE_RECORD_BOUNDS.stops. */
    stops,
    /** Streams whose reader left before the end: each an upstream request aborted by chatskins. */
    cancelledStreams: () => cancelledStreams,
    /** The latest `/text-to-audio` calls received, for tests of what chatskins forwards. */
    speechRequests,
  }
}

export type FakeDify = ReturnType<typeof createFakeDify>
