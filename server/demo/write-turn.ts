import { createAgentThoughts } from './agent-thoughts.ts'
import { tokenize } from './demo-answers.ts'
import type { Directives } from './directives.ts'
import type { FakeFiles } from './fake-files.ts'
import { assistantImage } from './fake-message-files.ts'
import type { FakeConversation, FakeMessage, FakeRetrieverResource } from './fake-store.ts'
import type { SseWriter } from './sse-writer.ts'
import type { HostileContent } from './hostile-content.ts'
import type { TurnFaults } from './turn-faults.ts'
import { createTtsStream } from './tts-stream.ts'

/** The modes whose answers stream as messages; a workflow run is write-workflow-run.ts. */
export type AppMode = 'chat' | 'agent-chat' | 'advanced-chat' | 'completion'

export interface Turn {
  mode: AppMode
  conversation: FakeConversation
  message: FakeMessage
  taskId: string
  answer: string
  directives: Directives
  /** Test-only misbehaviour; the demo bot has none. */
  faults: TurnFaults
  tokenDelayMs: number
  /** True once Dify's stop API was called for this task by its own user. */
  isStopRequested: () => boolean
  /** Citations for `message_end`, or null when the app and the message ask for none. */
  citations: FakeRetrieverResource[] | null
  /** Send a tool-made picture as `message_file` (for agents: from the tool step). */
  assistantFile: boolean
  /** Where the picture's URL points. */
  files: FakeFiles
  /** Read the answer aloud as it streams (`tts_message`, then `tts_message_end`). */
  tts: boolean
  /** Node titles, tool fields and file names from the hostile test apps instead of the demo's. */
  hostile?: HostileContent | undefined
}

const DEMO_NODE_TITLES = { start: 'Start', llm: 'LLM', answer: 'Answer' }
const DEMO_TOOL = {
  name: 'demo_chart',
  label: 'Demo chart',
  thought: 'Let me draw that.',
  observation: '{"demo_chart": "drew 1 chart"}',
}

const PING_EVERY_MS = 10_000

/**
 * Streams one answer the way Dify does for the app's mode (docs/dify-wire.md#ordering): the same envelope and
 * `created_at` on every event, `id` = message id, no `task_id` on errors, a ping per 10 s of
 * elapsed time, and a stop that ends with `message_end` and keeps the partial answer. Agents
 * stream their steps as growing `agent_thought`s and a tool's picture as `message_file`.
 */
export async function writeTurn(writer: SseWriter, turn: Turn): Promise<void> {
  const { mode, message, directives, faults } = turn
  // A completion's events carry no conversation (docs/dify-wire.md#completion-messages).
  const envelope = {
    ...(mode === 'completion' ? {} : { conversation_id: turn.conversation.id }),
    message_id: message.id,
    created_at: message.created_at,
    task_id: turn.taskId,
  }
  const workflowRunId = crypto.randomUUID()
  const step = (event: string, data: Record<string, unknown>) =>
    writer.data({ event, ...envelope, workflow_run_id: workflowRunId, data })
  const node = (index: number, nodeType: string, title: string) => ({
    id: `${workflowRunId}-node-${index}`,
    node_id: `node-${index}`,
    node_type: nodeType,
    title,
    index,
    inputs: { 'sys.user_id': turn.conversation.user, 'sys.query': message.query },
    created_at: message.created_at,
  })

  const titles = turn.hostile?.nodeTitles ?? DEMO_NODE_TITLES

  await faults.beforeFirstEvent?.(writer)
  if (mode === 'advanced-chat') {
    step('workflow_started', { id: workflowRunId, workflow_id: 'wf-demo', inputs: message.inputs })
    step('node_started', node(1, 'start', titles.start))
    step('node_finished', { ...node(1, 'start', titles.start), status: 'succeeded', outputs: {} })
    step('node_started', node(2, 'llm', titles.llm))
  }
  const sendAssistantFile = () => {
    const file = assistantImage(turn.files, turn.hostile?.fileName)
    message.message_files.push(file)
    writer.data({
      event: 'message_file',
      ...envelope,
      id: file.id,
      type: file.type,
      belongs_to: file.belongs_to,
      url: file.url,
    })
    return file
  }
  const thoughts = createAgentThoughts(writer, envelope, message)
  if (mode === 'agent-chat') {
    const spec = turn.hostile?.tool ?? {
      ...DEMO_TOOL,
      input: JSON.stringify({ demo_chart: { query: message.query } }),
    }
    const tool = {
      tool: spec.name,
      tool_labels: { [spec.name]: { en_US: spec.label } },
      tool_input: spec.input,
    }
    thoughts.update(1)
    thoughts.update(1, { thought: spec.thought, ...tool })
    const files = turn.assistantFile ? [sendAssistantFile().id] : []
    thoughts.update(1, { observation: spec.observation, files })
    thoughts.update(2)
  }

  const tokens = tokenize(turn.answer)
  const tts = turn.tts ? createTtsStream(writer, envelope, turn.answer) : null
  const faultAt = Math.floor(tokens.length / 2)
  const startedAt = Date.now()
  let pings = 0
  let stopped = false
  for (const [index, token] of tokens.entries()) {
    if (writer.done) return
    if (turn.isStopRequested()) {
      stopped = true
      break
    }
    if (index === faultAt && (await faults.midAnswer?.(writer, message, envelope))) return
    writer.data({
      event: mode === 'agent-chat' ? 'agent_message' : 'message',
      ...envelope,
      id: message.id,
      answer: token,
      from_variable_selector: mode === 'advanced-chat' ? ['node-2', 'text'] : null,
    })
    message.answer += token
    if (index === 0 && turn.assistantFile && mode !== 'agent-chat') sendAssistantFile()
    tts?.afterToken(index, tokens.length)
    await writer.sleep(directives.slowMs ?? turn.tokenDelayMs)
    if (Date.now() - startedAt >= (pings + 1) * PING_EVERY_MS) {
      pings++
      writer.ping()
    }
  }

  if (directives.replace && !stopped) {
    message.answer = 'This answer was replaced by output moderation.'
    writer.data({
      event: 'message_replace',
      ...envelope,
      answer: message.answer,
      reason: 'output_moderation',
    })
  }
  if (mode === 'agent-chat') thoughts.update(2, { thought: message.answer })
  if (turn.citations) message.retriever_resources = turn.citations
  const messageEnd = () => {
    tts?.flush()
    writer.data({
      event: 'message_end',
      ...envelope,
      id: message.id,
      metadata: {
        usage: usageFor(message.answer),
        ...(turn.citations ? { retriever_resources: turn.citations } : {}),
      },
      files: mode === 'advanced-chat' ? [] : null,
    })
  }
  if (mode !== 'advanced-chat') {
    messageEnd()
    return tts?.end()
  }

  if (!stopped) {
    step('node_finished', {
      ...node(2, 'llm', titles.llm),
      status: 'succeeded',
      outputs: { text: message.answer, finish_reason: directives.length ? 'length' : 'stop' },
    })
    step('node_started', node(3, 'answer', titles.answer))
    step('node_finished', {
      ...node(3, 'answer', titles.answer),
      status: 'succeeded',
      outputs: { answer: message.answer },
    })
  }
  const workflowFinished = () =>
    step('workflow_finished', {
      id: workflowRunId,
      workflow_id: 'wf-demo',
      status: stopped ? 'stopped' : 'succeeded',
      outputs: { answer: message.answer },
      error: stopped ? 'Stopped by user.' : null,
      elapsed_time: (Date.now() - startedAt) / 1000,
      total_tokens: 40,
      total_steps: 3,
    })
  if (faults.endFirst) {
    messageEnd()
    workflowFinished()
  } else {
    workflowFinished()
    messageEnd()
  }
  tts?.end()
}

function usageFor(answer: string) {
  const completion = Math.ceil(answer.length / 4)
  return {
    prompt_tokens: 31,
    prompt_unit_price: '0.15',
    prompt_price_unit: '0.000001',
    prompt_price: '0.0000047',
    completion_tokens: completion,
    completion_unit_price: '0.6',
    completion_price_unit: '0.000001',
    completion_price: (completion * 0.0000006).toFixed(7),
    total_tokens: 31 + completion,
    total_price: '0.0000101',
    currency: 'USD',
    latency: 0.9,
  }
}
