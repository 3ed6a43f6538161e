import { isRecord } from '../../contract/guards.ts'
import { runInputsObject } from '../../contract/run-inputs.ts'

export type NodeStatus = 'running' | 'succeeded' | 'failed' | 'exception' | 'stopped'
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'stopped' | 'partial-succeeded'

/** One top-level node of a workflow run as the progress list shows it. */
export interface NodeTrace {
  nodeId: string
  nodeType: string
  title: string
  status: NodeStatus
  error?: string
  elapsedTime?: number
  /** Rounds an iteration or loop node has run so far. */
  rounds?: number
}

/** A workflow run folded from its events (or loaded from its detail after a reload). */
export interface WorkflowRun {
  runId?: string
  taskId?: string
  status: RunStatus
  nodes: NodeTrace[]
  /** `text_chunk`s so far: the result while the run streams. */
  text: string
  outputs: Record<string, unknown> | null
  error?: string
  elapsedTime?: number
  totalTokens?: number
  totalSteps?: number
  inputs?: Record<string, unknown>
}

export const EMPTY_RUN: WorkflowRun = { status: 'running', nodes: [], text: '', outputs: null }

const NODE_STATUSES = new Set<string>(['running', 'succeeded', 'failed', 'exception', 'stopped'])
const RUN_STATUSES = new Set<string>([
  'running',
  'succeeded',
  'failed',
  'stopped',
  'partial-succeeded',
])
const GROUP_EVENT = /^(iteration|loop)_(started|next|completed)$/

/**
 * Folds one stream event into the run, as Dify's WebApp does (docs/app-types.md): nodes by
 * `node_id` (`node_started` adds or restarts, `node_finished` replaces), children of iterations
 * and loops never at top level but counted as rounds of their parent, `text_chunk` appended,
 * and when the run ends (finished, error) any node still running is marked stopped. Pure: the
 * same events in any order give a run the page can show, never a throw.
 */
export function foldWorkflowEvent(run: WorkflowRun, event: Record<string, unknown>): WorkflowRun {
  const type = event.event
  const data = isRecord(event.data) ? event.data : {}
  const next: WorkflowRun = {
    ...run,
    ...(typeof event.task_id === 'string' && !run.taskId ? { taskId: event.task_id } : {}),
    ...(typeof event.workflow_run_id === 'string' && !run.runId
      ? { runId: event.workflow_run_id }
      : {}),
  }
  if (type === 'node_started' || type === 'node_finished' || type === 'node_retry') {
    if (isChild(data) || typeof data.node_id !== 'string') return next
    const status = type === 'node_started' ? 'running' : nodeStatus(data.status)
    return { ...next, nodes: upsertNode(next.nodes, data, status) }
  }
  if (typeof type === 'string' && GROUP_EVENT.test(type)) {
    if (typeof data.node_id !== 'string') return next
    const nodes = next.nodes.map((node) =>
      node.nodeId !== data.node_id
        ? node
        : {
            ...node,
            rounds: type.endsWith('_completed') ? (node.rounds ?? 1) : (node.rounds ?? 0) + 1,
          },
    )
    return { ...next, nodes }
  }
  if (type === 'text_chunk' && typeof data.text === 'string') {
    return { ...next, text: next.text + data.text }
  }
  if (type === 'text_replace' && typeof data.text === 'string') return { ...next, text: data.text }
  if (type === 'workflow_finished') {
    const status = RUN_STATUSES.has(String(data.status)) ? (data.status as RunStatus) : 'failed'
    return endRun(next, {
      status,
      outputs: isRecord(data.outputs) ? data.outputs : null,
      ...(typeof data.error === 'string' && data.error ? { error: data.error } : {}),
      ...numbers(data),
    })
  }
  if (type === 'error') {
    const message = typeof event.message === 'string' ? event.message : 'The run failed.'
    return endRun(next, { status: 'failed', error: message })
  }
  return next
}

/** The run after the visitor pressed Stop and the stream ended without `workflow_finished`. */
export function stopWorkflowRun(run: WorkflowRun): WorkflowRun {
  return run.status === 'running' ? endRun(run, { status: 'stopped' }) : run
}

/**
 * A run from `GET /:id/api/workflows/run/:run_id` after a reload: `total_steps` as a number or a
 * string and `inputs` as an object or a JSON string, as Dify sends either. Node progress is not
 * part of a run's detail.
 */
export function workflowRunFromDetail(detail: unknown): WorkflowRun | null {
  if (!isRecord(detail) || typeof detail.id !== 'string') return null
  const status = RUN_STATUSES.has(String(detail.status)) ? (detail.status as RunStatus) : 'failed'
  const outputs = isRecord(detail.outputs) ? detail.outputs : null
  return {
    runId: detail.id,
    status,
    nodes: [],
    text: typeof outputs?.text === 'string' ? outputs.text : '',
    outputs,
    ...(typeof detail.error === 'string' && detail.error ? { error: detail.error } : {}),
    ...numbers(detail),
    inputs: runInputsObject(detail.inputs),
  }
}

function endRun(run: WorkflowRun, end: Partial<WorkflowRun>): WorkflowRun {
  const nodes = run.nodes.map((node) =>
    node.status === 'running' ? { ...node, status: 'stopped' as const } : node,
  )
  return { ...run, ...end, nodes }
}

function isChild(data: Record<string, unknown>): boolean {
  const meta = isRecord(data.execution_metadata) ? data.execution_metadata : {}
  return Boolean(data.iteration_id || data.loop_id || meta.iteration_id || meta.loop_id)
}

function nodeStatus(value: unknown): NodeStatus {
  return NODE_STATUSES.has(String(value)) ? (value as NodeStatus) : 'succeeded'
}

function upsertNode(
  nodes: NodeTrace[],
  data: Record<string, unknown>,
  status: NodeStatus,
): NodeTrace[] {
  const at = nodes.findIndex((node) => node.nodeId === data.node_id)
  const previous = at >= 0 ? nodes[at] : undefined
  const node: NodeTrace = {
    nodeId: data.node_id as string,
    nodeType: typeof data.node_type === 'string' ? data.node_type : (previous?.nodeType ?? ''),
    title: typeof data.title === 'string' ? data.title : (previous?.title ?? ''),
    status,
    ...(previous?.rounds !== undefined ? { rounds: previous.rounds } : {}),
    ...(typeof data.error === 'string' && data.error ? { error: data.error } : {}),
    ...(typeof data.elapsed_time === 'number' ? { elapsedTime: data.elapsed_time } : {}),
  }
  if (at < 0) return [...nodes, node]
  return nodes.map((existing, index) => (index === at ? node : existing))
}

/** `elapsed_time`, `total_tokens` and `total_steps`, each a number or a numeric string. */
function numbers(data: Record<string, unknown>): Partial<WorkflowRun> {
  const result: Partial<WorkflowRun> = {}
  const read = (value: unknown) => {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
    return typeof number === 'number' && Number.isFinite(number) ? number : undefined
  }
  const elapsed = read(data.elapsed_time)
  const tokens = read(data.total_tokens)
  const steps = read(data.total_steps)
  if (elapsed !== undefined) result.elapsedTime = elapsed
  if (tokens !== undefined) result.totalTokens = tokens
  if (steps !== undefined) result.totalSteps = steps
  return result
}
