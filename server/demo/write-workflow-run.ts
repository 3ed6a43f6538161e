import { tokenize } from './demo-answers.ts'
import type { Directives } from './directives.ts'
import type { FakeMessage } from './fake-store.ts'
import type { TurnFaults } from './turn-faults.ts'
import type { SseWriter } from './sse-writer.ts'

/** A workflow run as `GET /workflows/run/:id` answers it (docs/dify-wire.md#workflows-run). */
export interface FakeWorkflowRun {
  id: string
  workflow_id: string
  status: 'running' | 'succeeded' | 'failed' | 'stopped'
  inputs: Record<string, unknown>
  outputs: Record<string, unknown> | null
  error: string | null
  total_steps: number
  total_tokens: number
  created_at: number
  finished_at: number | null
  elapsed_time: number
}

export interface WorkflowRunSpec {
  taskId: string
  user: string
  inputs: Record<string, unknown>
  answer: string
  directives: Directives
  faults: TurnFaults
  tokenDelayMs: number
  isStopRequested: () => boolean
  /** With `[[file]]`: the files the End node outputs beside the text. */
  outputFiles: () => Array<Record<string, unknown>>
  /** The run as soon as it exists, so its detail can be read while it streams. */
  onStarted: (run: FakeWorkflowRun) => void
}

const WORKFLOW_ID = 'wf-demo-generator'
const ITERATION_ITEMS = ['outline', 'draft']

/**
 * Streams one workflow run as Dify does (docs/dify-wire.md#workflow-events): Start, an
 * Iteration whose child node runs once per item (children carry `iteration_id`), an LLM node
 * whose text arrives as `text_chunk`, End, then `workflow_finished` with the outputs and
 * `total_steps` as a string (a drift Dify's own examples show). Node events carry the full
 * `inputs`/`outputs`/`process_data`, `sys.user_id` included, for the relay to trim. A stop ends
 * with a `stopped` run and no `node_finished` for the node that was running.
 */
export async function writeWorkflowRun(
  writer: SseWriter,
  spec: WorkflowRunSpec,
): Promise<FakeWorkflowRun> {
  const { directives } = spec
  const createdAt = Math.floor(Date.now() / 1000)
  const startedAt = Date.now()
  const run: FakeWorkflowRun = {
    id: crypto.randomUUID(),
    workflow_id: WORKFLOW_ID,
    status: 'running',
    inputs: spec.inputs,
    outputs: null,
    error: null,
    total_steps: 0,
    total_tokens: 0,
    created_at: createdAt,
    finished_at: null,
    elapsed_time: 0,
  }
  spec.onStarted(run)
  const envelope = { task_id: spec.taskId, workflow_run_id: run.id }
  const send = (event: string, data: Record<string, unknown>) =>
    writer.data({ event, ...envelope, data })
  const sysInputs = { ...spec.inputs, 'sys.user_id': spec.user, 'sys.workflow_run_id': run.id }
  const node = (index: number, nodeId: string, nodeType: string, title: string) => ({
    id: crypto.randomUUID(),
    node_id: nodeId,
    node_type: nodeType,
    title,
    index,
    predecessor_node_id: null,
    inputs: sysInputs,
    created_at: createdAt,
    extras: {},
  })
  const finishNode = (started: Record<string, unknown>, outputs: Record<string, unknown>) => {
    run.total_steps++
    send('node_finished', {
      ...started,
      process_data: { prompt: `secret system prompt for ${spec.user}` },
      outputs,
      status: 'succeeded',
      error: null,
      elapsed_time: 0.05,
      execution_metadata: { total_tokens: 0, total_price: '0', currency: 'USD' },
      finished_at: Math.floor(Date.now() / 1000),
    })
  }
  const finishRun = (status: FakeWorkflowRun['status'], error: string | null) => {
    Object.assign(run, {
      status,
      error,
      finished_at: Math.floor(Date.now() / 1000),
      elapsed_time: (Date.now() - startedAt) / 1000,
    })
    send('workflow_finished', {
      id: run.id,
      workflow_id: WORKFLOW_ID,
      status,
      outputs: run.outputs,
      error,
      elapsed_time: run.elapsed_time,
      total_tokens: run.total_tokens,
      total_steps: String(run.total_steps),
      created_by: { id: crypto.randomUUID(), user: spec.user },
      created_at: createdAt,
      finished_at: run.finished_at,
      exceptions_count: 0,
      files: [],
    })
  }

  await spec.faults.beforeFirstEvent?.(writer)
  writer.ping()
  send('workflow_started', {
    id: run.id,
    workflow_id: WORKFLOW_ID,
    inputs: sysInputs,
    created_at: createdAt,
  })
  const start = node(1, 'start', 'start', 'Start')
  send('node_started', start)
  finishNode(start, sysInputs)

  const iteration = node(2, 'iteration', 'iteration', 'Plan the piece')
  send('node_started', iteration)
  send('iteration_started', { ...iteration, metadata: { iterator_length: ITERATION_ITEMS.length } })
  for (const [index, item] of ITERATION_ITEMS.entries()) {
    if (index > 0) send('iteration_next', { ...iteration, index, pre_iteration_output: null })
    const child = {
      ...node(3, 'iteration-step', 'template-transform', 'Write a step'),
      iteration_id: 'iteration',
    }
    send('node_started', child)
    await writer.sleep(spec.tokenDelayMs)
    finishNode(child, { output: item })
  }
  send('iteration_completed', {
    ...iteration,
    outputs: { output: ITERATION_ITEMS },
    status: 'succeeded',
    steps: ITERATION_ITEMS.length,
  })
  finishNode(iteration, { output: ITERATION_ITEMS })

  const llm = node(4, 'llm', 'llm', 'Write')
  send('node_started', llm)
  const tokens = tokenize(spec.answer)
  let text = ''
  for (const [index, token] of tokens.entries()) {
    if (writer.done) return run
    if (spec.isStopRequested()) {
      run.outputs = null
      finishRun('stopped', 'Workflow execution stopped by user.')
      return run
    }
    if (index === Math.floor(tokens.length / 2) && spec.faults.midAnswer) {
      // The run's own record of the fault, as the chat's message keeps its status and error.
      const record = { id: run.id, status: 'normal', error: null } as FakeMessage
      const envelope = { task_id: spec.taskId, workflow_run_id: run.id }
      if (await spec.faults.midAnswer(writer, record, envelope)) {
        Object.assign(run, { status: 'failed', error: record.error ?? 'The run broke off.' })
        return run
      }
    }
    send('text_chunk', { text: token, from_variable_selector: ['llm', 'text'] })
    text += token
    await writer.sleep(directives.slowMs ?? spec.tokenDelayMs)
  }
  run.total_tokens = 31 + Math.ceil(text.length / 4)
  finishNode(llm, { text })
  const end = node(5, 'end', 'end', 'End')
  send('node_started', end)
  run.outputs = directives.echo
    ? { text, topic: spec.inputs.topic ?? '', words: text.split(/\s+/).length }
    : { text }
  if (directives.file) run.outputs.files = spec.outputFiles()
  finishNode(end, run.outputs)
  finishRun('succeeded', null)
  return run
}
