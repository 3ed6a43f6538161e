import type { Context, Hono } from 'hono'
import { longAnswer } from './demo-answers.ts'
import { parseDirectives, type Directives } from './directives.ts'
import { badJsonBody, difyError, WRONG_APP_TYPE_MESSAGES } from './dify-errors.ts'
import type { TurnFaults } from './turn-faults.ts'
import type { FakeEnv } from './fake-env.ts'
import { validateInputs } from './fake-inputs.ts'
import { readJson } from './fake-request.ts'
import { userMessageFiles, workflowOutputFiles } from './fake-message-files.ts'
import { ttsAutoPlay } from './fake-apps.ts'
import { newMessage, type FakeMessageFile } from './fake-store.ts'
import { streamTask, streamTurn, type TurnStreamOptions } from './fake-tasks.ts'
import type { ChatRouteOptions } from './fake-chat-routes.ts'
import { writeWorkflowRun, type FakeWorkflowRun } from './write-workflow-run.ts'

const MAX_RUNS = 1000

/**
 * The text generators' Service API: `POST /completion-messages` and `POST /workflows/run`
 * (docs/dify-wire.md#completion-messages, #workflows-run), their stops, and a workflow run's
 * detail. Test and demo directives (`[[slow=200]]`, `[[error-event=500]]`, …) are read from the
 * string inputs, since these apps have no query.
 */
export function registerRunRoutes(app: Hono<FakeEnv>, options: ChatRouteOptions): void {
  const { tasks } = options
  const runs = new Map<string, FakeWorkflowRun>()

  app.post('/completion-messages', async (c) => {
    const started = await startRun(c, 'completion', 'app_unavailable')
    if (started instanceof Response) return started
    const { user, inputs, directives, faults, text, body } = started
    const store = c.get('store')
    const fakeApp = c.get('app')
    // A vision app reads the pictures sent with the run, as a chat does a turn's.
    const files = userMessageFiles(fakeApp, body.files, store, user)
    if ('error' in files) return difyError(400, 'invalid_param', files.error)
    // Dify keeps each completion in a conversation of its own, which it never lists.
    const conversation = store.createConversation(user, inputs, '')
    const message = newMessage(conversation, inputs, '', store.now())
    message.message_files = files.files
    store.addMessage(conversation, message)
    const answer = directives.longChars
      ? longAnswer(directives.longChars)
      : completionOf(text, files.files)
    return streamTurn(streamOptions(user, faults), {
      mode: 'completion',
      conversation,
      message,
      answer,
      directives,
      citations: null,
      assistantFile: false,
      files: c.get('files'),
      tts: ttsAutoPlay(fakeApp),
    })
  })

  app.post('/workflows/run', async (c) => {
    const started = await startRun(c, 'workflow', 'not_workflow_app')
    if (started instanceof Response) return started
    const { user, inputs, directives, faults, text } = started
    return streamTask(streamOptions(user, faults), async (writer, taskId, isStopRequested) => {
      const run = await writeWorkflowRun(writer, {
        taskId,
        user,
        inputs,
        answer: directives.longChars ? longAnswer(directives.longChars) : completionOf(text),
        directives,
        faults,
        tokenDelayMs: options.tokenDelayMs,
        outputFiles: () => workflowOutputFiles(c.get('files')),
        isStopRequested,
        onStarted: (started) => {
          if (runs.size >= MAX_RUNS) runs.delete(runs.keys().next().value!)
          runs.set(started.id, started)
        },
      })
      runs.set(run.id, run)
    })
  })

  app.get('/workflows/run/:runId', (c) => {
    // Dify looks the run up by id alone: any caller with the app key sees any run.
    const run = runs.get(c.req.param('runId'))
    if (!run) return difyError(404, 'not_found', 'Workflow run not found.')
    return c.json({
      ...run,
      // Dify's own examples send the inputs as a JSON string (docs/dify-wire.md#workflows-run).
      inputs: JSON.stringify(run.inputs),
    })
  })

  // Dify checks the user of a completion's stop, and stops a workflow task whoever asks
  // (docs/dify-wire.md#workflows-run).
  app.post('/completion-messages/:taskId/stop', (c) => stop(c, true))
  app.post('/workflows/tasks/:taskId/stop', (c) => stop(c, false))

  async function stop(c: Context<FakeEnv>, checksUser: boolean) {
    const body = await readJson(c)
    const user = typeof body?.user === 'string' ? body.user : ''
    if (!user) return difyError(400, 'invalid_param', 'Arg user must be provided.')
    options.onStop({ taskId: c.req.param('taskId')!, user })
    const task = tasks.get(c.req.param('taskId')!)
    if (task && (!checksUser || task.user === user)) task.stopRequested = true
    return c.json({ result: 'success' })
  }

  type Started = {
    user: string
    inputs: Record<string, unknown>
    directives: Directives
    faults: TurnFaults
    text: string
    body: Record<string, unknown>
  }

  async function startRun(
    c: Context<FakeEnv>,
    mode: 'completion' | 'workflow',
    wrongModeCode: string,
  ): Promise<Started | Response> {
    const body = await readJson(c)
    if (!body) return badJsonBody()
    const fakeApp = c.get('app')
    if (fakeApp.mode !== mode) {
      return difyError(400, wrongModeCode, WRONG_APP_TYPE_MESSAGES[wrongModeCode]!)
    }
    const user = typeof body.user === 'string' ? body.user : ''
    if (!user) return difyError(400, 'invalid_param', 'Arg user must be provided.')
    if (typeof body.inputs !== 'object' || body.inputs === null || Array.isArray(body.inputs)) {
      return difyError(400, 'invalid_param', 'inputs is required')
    }
    const strings = Object.values(body.inputs).filter((value) => typeof value === 'string')
    const { query, directives, switches } = parseDirectives(strings.join(' ').replace(/\0/g, ''))
    const faults = options.faults?.(switches) ?? {}
    const faultResponse = await faults.respond?.(undefined)
    if (faultResponse) return faultResponse
    const form = fakeApp.parameters.user_input_form
    const checked = validateInputs(
      Array.isArray(form) ? form : [],
      body.inputs as Record<string, unknown>,
      (id) => c.get('store').findUpload(id, user) !== undefined,
    )
    if ('error' in checked) return difyError(400, 'invalid_param', checked.error)
    return { user, inputs: checked.inputs, directives, faults, text: query, body }
  }

  function streamOptions(user: string, faults: TurnFaults): TurnStreamOptions {
    const { tokenDelayMs, onStreamCancelled: onCancel } = options
    return { tasks, user, faults, onCancel, tokenDelayMs }
  }
}

/** The demo's generated text: a short markdown piece about the form's words and its files. */
function completionOf(text: string, files: readonly FakeMessageFile[] = []): string {
  const topic = text.trim() || 'your topic'
  const looked = files.map((file) => `- It looked at **${file.filename}** (${file.type}).\n`)
  return `## ${topic}\n\nHere is a short piece about **${topic}**, written by the chatskins demo.\n\n- It streams token by token, so you can press **Stop**.\n- It is markdown: *emphasis*, \`code\` and lists.\n${looked.join('')}\nThank you for trying the text generator.`
}
