import { Hono, type Context } from 'hono'
import { demoAnswer, longAnswer } from './demo-answers.ts'
import { parseDirectives } from './directives.ts'
import { difyError, httpFault, proxyErrorPage } from './dify-errors.ts'
import { FAKE_APPS, type FakeApp } from './fake-apps.ts'
import { registerHistoryRoutes } from './fake-history-routes.ts'
import { createFakeStore, NIL_UUID, type FakeStore } from './fake-store.ts'
import { createSseStream } from './sse-writer.ts'
import { writeTurn } from './write-turn.ts'

export const DEMO_API_BASE = 'http://demo.chatskins.invalid/v1'
export const DEMO_API_KEY = 'app-demo'

export interface FakeDifyOptions {
  /** Milliseconds between streamed tokens. */
  tokenDelayMs?: number
  /** API key → app; defaults to FAKE_APPS. */
  apps?: Readonly<Record<string, FakeApp>>
}

export type FakeEnv = { Variables: { app: FakeApp; store: FakeStore } }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A Dify-compatible upstream speaking the Service API wire format of dify-api.md: the demo bot of
 * `npm start` and the fake of every test. Conversations live in memory, scoped by `user`.
 */
export function createFakeDify(options: FakeDifyOptions = {}) {
  const apps = options.apps ?? FAKE_APPS
  const tokenDelayMs = options.tokenDelayMs ?? 5
  const store = createFakeStore()
  /** task id → the user who started it, and whether stop was called. */
  const tasks = new Map<string, { user: string; stopRequested: boolean }>()
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

  app.post('/chat-messages', async (c) => {
    const body = await readJson(c)
    if (!body)
      return difyError(
        400,
        'bad_request',
        'Invalid JSON payload received or JSON payload is empty.',
      )
    const { mode } = c.get('app')
    const user = typeof body.user === 'string' ? body.user : ''
    if (!user) return difyError(400, 'invalid_param', 'Arg user must be provided.')
    if (typeof body.query !== 'string' || body.query.trim() === '') {
      return difyError(400, 'invalid_param', 'query is required')
    }
    if (typeof body.inputs !== 'object' || body.inputs === null) {
      return difyError(
        400,
        'invalid_param',
        '1 validation error for ChatRequestPayload\ninputs\n  Field required [type=missing]',
      )
    }
    const { query, directives } = parseDirectives(body.query.replace(/\0/g, ''))
    const conversationId =
      typeof body.conversation_id === 'string' ? body.conversation_id.trim() : ''
    if (directives.firstByteMs && (directives.httpError || directives.htmlError)) {
      await sleep(directives.firstByteMs)
    }
    if (directives.htmlError) return proxyErrorPage(directives.htmlError)
    if (directives.httpError) return httpFault(directives.httpError, conversationId || undefined)
    if (conversationId && !UUID.test(conversationId)) {
      return difyError(
        400,
        'invalid_param',
        `1 validation error for ChatRequestPayload\nconversation_id\n  Value error, conversation_id must be a valid UUID [type=value_error]`,
      )
    }
    if (body.response_mode !== 'streaming' && mode === 'agent-chat') {
      return difyError(400, 'invalid_param', 'Agent app is not supported in blocking mode.')
    }
    const inputs = body.inputs as Record<string, unknown>
    const conversation = conversationId
      ? store.findConversation(conversationId, user)
      : store.createConversation(
          user,
          inputs,
          String(c.get('app').parameters.opening_statement ?? ''),
        )
    if (!conversation) return difyError(404, 'not_found', 'Conversation Not Exists.')

    const message = {
      id: crypto.randomUUID(),
      conversation_id: conversation.id,
      parent_message_id: NIL_UUID,
      inputs,
      query,
      answer: '',
      message_files: [],
      feedback: null,
      retriever_resources: [],
      agent_thoughts: [],
      status: 'normal' as const,
      error: null,
      created_at: store.now(),
    }
    conversation.messages.push(message)
    conversation.updated_at = message.created_at
    const turnNumber = conversation.messages.length
    if (conversation.name === 'New conversation' && body.auto_generate_name !== false) {
      conversation.name = Array.from(query).slice(0, 40).join('') || 'New conversation'
    }
    const answer = directives.echo
      ? query
      : directives.longChars
        ? longAnswer(directives.longChars)
        : demoAnswer(query, turnNumber)

    if (body.response_mode !== 'streaming') {
      message.answer = answer
      return c.json({
        event: 'message',
        task_id: crypto.randomUUID(),
        id: message.id,
        message_id: message.id,
        conversation_id: conversation.id,
        mode,
        answer,
        metadata: {},
        created_at: message.created_at,
      })
    }

    const taskId = crypto.randomUUID()
    const task = { user, stopRequested: false }
    tasks.set(taskId, task)
    const stream = createSseStream(
      async (writer) => {
        try {
          await writeTurn(writer, {
            mode,
            conversation,
            message,
            taskId,
            answer,
            directives,
            tokenDelayMs,
            isStopRequested: () => task.stopRequested,
          })
        } finally {
          tasks.delete(taskId)
        }
      },
      { split: directives.split, classic: directives.classic },
    )
    return new Response(stream, {
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8' },
    })
  })

  app.post('/chat-messages/:taskId/stop', async (c) => {
    const body = await readJson(c)
    const user = typeof body?.user === 'string' ? body.user : ''
    if (!user) return difyError(400, 'invalid_param', 'Arg user must be provided.')
    const task = tasks.get(c.req.param('taskId'))
    if (task?.user === user) task.stopRequested = true
    return c.json({ result: 'success' })
  })

  registerHistoryRoutes(app)

  return {
    fetch: (request: Request) => Promise.resolve(app.fetch(request)),
    store,
    /** Tasks still streaming, for tests that check clean-up. */
    activeTasks: () => tasks.size,
  }
}

export type FakeDify = ReturnType<typeof createFakeDify>

export async function readJson(c: Context): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = await c.req.json()
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
