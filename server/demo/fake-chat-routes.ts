import type { Hono } from 'hono'
import { demoAnswer, longAnswer } from './demo-answers.ts'
import { parseDirectives } from './directives.ts'
import { badJsonBody, difyError, WRONG_APP_TYPE_MESSAGES } from './dify-errors.ts'
import { ttsAutoPlay, type FakeApp } from './fake-apps.ts'
import { demoCitations } from './fake-citations.ts'
import type { FakeEnv } from './fake-env.ts'
import { validateInputs } from './fake-inputs.ts'
import { storedInputs, userMessageFiles } from './fake-message-files.ts'
import { readJson } from './fake-request.ts'
import { newMessage } from './fake-store.ts'
import { streamTurn, type FakeTask } from './fake-tasks.ts'
import type { FaultDirectives } from './turn-faults.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MAX_MANY = 1000
/** `[[long=N]]` past this would let one message make the demo bot build any size of string. */
const MAX_LONG_CHARS = 200_000

export interface ChatRouteOptions {
  tokenDelayMs: number
  /** task id → the user who started it, and whether stop was called. */
  tasks: Map<string, FakeTask>
  /** Told of every stop call, for tests that check the server stopped a task. */
  onStop: (stop: { taskId: string; user: string }) => void
  /** Told when a reader leaves a stream before its end (the upstream request was aborted). */
  onStreamCancelled: () => void
  /** Test-only faults read from each message's directives; the demo bot has none. */
  faults?: FaultDirectives | undefined
}

/**
 * `POST /chat-messages` (docs/dify-wire.md#chat-messages, streamed as #stream-events) and its stop (#stop). Checks run in
 * Dify's order and answer Dify's HTTP errors: the body, the conversation (scoped by `user`), the
 * inputs against `user_input_form` (docs/dify-wire.md#parameters), then the `files` (a `local_file` must be the user's).
 */
export function registerChatRoutes(app: Hono<FakeEnv>, options: ChatRouteOptions): void {
  const { tasks } = options

  app.post('/chat-messages', async (c) => {
    const body = await readJson(c)
    if (!body) return badJsonBody()
    const fakeApp = c.get('app')
    const store = c.get('store')
    const { mode } = fakeApp
    if (mode === 'completion' || mode === 'workflow') {
      return difyError(400, 'not_chat_app', WRONG_APP_TYPE_MESSAGES.not_chat_app!)
    }
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
    const { query, directives, switches } = parseDirectives(body.query.replace(/\0/g, ''))
    const faults = options.faults?.(switches) ?? {}
    const conversationId =
      typeof body.conversation_id === 'string' ? body.conversation_id.trim() : ''
    const faultResponse = await faults.respond?.(conversationId || undefined)
    if (faultResponse) return faultResponse
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
    const existing = conversationId ? store.findConversation(conversationId, user) : undefined
    if (conversationId && !existing) {
      return difyError(404, 'not_found', 'Conversation Not Exists.')
    }
    const form = fakeApp.parameters.user_input_form
    const checked = validateInputs(
      Array.isArray(form) ? form : [],
      body.inputs as Record<string, unknown>,
      (id) => store.findUpload(id, user) !== undefined,
    )
    if ('error' in checked) return difyError(400, 'invalid_param', checked.error)
    const files = userMessageFiles(fakeApp, body.files, store, user)
    if ('error' in files) return difyError(400, 'invalid_param', files.error)

    const inputs = storedInputs(checked.inputs, store, user)
    const conversation =
      existing ?? store.createConversation(user, inputs, introductionOf(fakeApp, inputs))
    for (let turn = 1; turn <= Math.min(directives.many ?? 0, MAX_MANY); turn++) {
      const past = newMessage(conversation, inputs, `History question ${turn}`, store.now())
      past.answer = `History answer ${turn}`
      store.addMessage(conversation, past)
    }
    const message = newMessage(conversation, inputs, query, store.now())
    message.message_files = files.files
    store.addMessage(conversation, message)
    conversation.updated_at = message.created_at
    const turnNumber = conversation.messages.length
    if (conversation.name === 'New conversation' && body.auto_generate_name !== false) {
      conversation.name =
        fakeApp.hostile?.conversationName ??
        (Array.from(query).slice(0, 40).join('') || 'New conversation')
    }
    const answer = fakeApp.hostile
      ? fakeApp.hostile.answer
      : directives.echo
        ? query
        : directives.longChars
          ? longAnswer(Math.min(directives.longChars, MAX_LONG_CHARS))
          : demoAnswer(query, turnNumber)
    const citations = fakeApp.hostile
      ? fakeApp.hostile.citations()
      : fakeApp.citations || directives.cite
        ? demoCitations()
        : null

    if (body.response_mode !== 'streaming') {
      message.answer = answer
      if (citations) message.retriever_resources = citations
      return c.json({
        event: 'message',
        task_id: crypto.randomUUID(),
        id: message.id,
        message_id: message.id,
        conversation_id: conversation.id,
        mode,
        answer,
        metadata: citations ? { retriever_resources: citations } : {},
        created_at: message.created_at,
      })
    }

    const { tokenDelayMs, onStreamCancelled: onCancel } = options
    return streamTurn(
      { tasks, user, faults, onCancel, tokenDelayMs },
      {
        mode,
        conversation,
        message,
        answer,
        directives,
        citations,
        assistantFile: directives.file || mode === 'agent-chat',
        files: c.get('files'),
        tts: ttsAutoPlay(fakeApp),
        hostile: fakeApp.hostile,
      },
    )
  })

  app.post('/chat-messages/:taskId/stop', async (c) => {
    // Dify checks the app's mode on the stop route too.
    const { mode } = c.get('app')
    if (mode === 'completion' || mode === 'workflow') {
      return difyError(400, 'not_chat_app', WRONG_APP_TYPE_MESSAGES.not_chat_app!)
    }
    const body = await readJson(c)
    const user = typeof body?.user === 'string' ? body.user : ''
    if (!user) return difyError(400, 'invalid_param', 'Arg user must be provided.')
    options.onStop({ taskId: c.req.param('taskId'), user })
    const task = tasks.get(c.req.param('taskId'))
    if (task?.user === user) task.stopRequested = true
    return c.json({ result: 'success' })
  })
}

/** The opening statement with `{{var}}` filled from the inputs, kept as the introduction (docs/dify-wire.md#conversations). */
function introductionOf(app: FakeApp, inputs: Record<string, unknown>): string {
  const template = String(app.parameters.opening_statement ?? '')
  return template.replace(/\{\{([A-Za-z0-9_]{1,30})\}\}/g, (placeholder, name: string) => {
    const value = inputs[name]
    return value === undefined || value === null ? placeholder : String(value)
  })
}
