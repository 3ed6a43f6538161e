import { describe, expect, it } from 'vitest'
import {
  EMPTY_RUN,
  foldWorkflowEvent,
  stopWorkflowRun,
  workflowRunFromDetail,
  type WorkflowRun,
} from './workflow-run.ts'

const fold = (events: Array<Record<string, unknown>>, from: WorkflowRun = EMPTY_RUN) =>
  events.reduce(foldWorkflowEvent, from)
const node = (event: string, nodeId: string, data: Record<string, unknown> = {}) => ({
  event,
  task_id: 'task-1',
  workflow_run_id: 'run-1',
  data: {
    id: `${nodeId}-x`,
    node_id: nodeId,
    node_type: nodeId,
    title: nodeId.toUpperCase(),
    ...data,
  },
})
const started = {
  event: 'workflow_started',
  task_id: 'task-1',
  workflow_run_id: 'run-1',
  data: { id: 'run-1' },
}
const finished = (data: Record<string, unknown>) => ({
  event: 'workflow_finished',
  workflow_run_id: 'run-1',
  data,
})

describe('foldWorkflowEvent', () => {
  it('folds a whole run: nodes by node_id, text chunks, outputs and numbers', () => {
    const run = fold([
      started,
      node('node_started', 'start'),
      node('node_finished', 'start', { status: 'succeeded', elapsed_time: 0.01 }),
      node('node_started', 'llm'),
      { event: 'text_chunk', data: { text: 'Hel' } },
      { event: 'text_chunk', data: { text: 'lo' } },
      node('node_finished', 'llm', { status: 'succeeded' }),
      finished({
        status: 'succeeded',
        outputs: { text: 'Hello' },
        total_steps: '2',
        total_tokens: 9,
        elapsed_time: 1.5,
      }),
    ])
    expect(run).toMatchObject({
      runId: 'run-1',
      taskId: 'task-1',
      status: 'succeeded',
      text: 'Hello',
      totalSteps: 2,
      totalTokens: 9,
      elapsedTime: 1.5,
      outputs: { text: 'Hello' },
    })
    expect(run.nodes.map((n) => [n.nodeId, n.status])).toEqual([
      ['start', 'succeeded'],
      ['llm', 'succeeded'],
    ])
  })

  it('keeps iteration and loop children off the top level and counts their rounds', () => {
    const run = fold([
      node('node_started', 'iter'),
      node('iteration_started', 'iter'),
      node('node_started', 'child', { iteration_id: 'iter' }),
      node('node_finished', 'child', { iteration_id: 'iter', status: 'succeeded' }),
      node('iteration_next', 'iter'),
      node('node_started', 'child', { execution_metadata: { iteration_id: 'iter' } }),
      node('iteration_completed', 'iter'),
      node('node_finished', 'iter', { status: 'succeeded' }),
      node('node_started', 'loop'),
      node('loop_started', 'loop'),
      node('node_started', 'body', { loop_id: 'loop' }),
    ])
    expect(run.nodes.map((n) => [n.nodeId, n.status, n.rounds])).toEqual([
      ['iter', 'succeeded', 2],
      ['loop', 'running', 1],
    ])
  })

  it('marks nodes still running as stopped when the run stops, fails or errors', () => {
    const running = fold([
      started,
      node('node_started', 'start'),
      node('node_finished', 'start', { status: 'succeeded' }),
      node('node_started', 'llm'),
    ])
    for (const end of [
      finished({ status: 'stopped' }),
      finished({ status: 'failed', error: 'boom' }),
      { event: 'error', status: 500, code: 'internal_server_error', message: 'Server error' },
    ]) {
      const run = foldWorkflowEvent(running, end)
      expect(run.nodes.map((n) => n.status)).toEqual(['succeeded', 'stopped'])
      expect(run.status).not.toBe('running')
    }
    expect(foldWorkflowEvent(running, finished({ status: 'failed', error: 'boom' })).error).toBe(
      'boom',
    )
    const stopped = stopWorkflowRun(running)
    expect(stopped.status).toBe('stopped')
    expect(stopped.nodes[1]!.status).toBe('stopped')
    expect(
      stopWorkflowRun(foldWorkflowEvent(running, finished({ status: 'succeeded' }))).status,
    ).toBe('succeeded')
  })

  it('accepts the orders Dify can send: finished without started, restarts, late node events, unknowns', () => {
    const run = fold([
      node('node_finished', 'lonely', { status: 'failed', error: 'x' }),
      node('node_started', 'again'),
      node('node_finished', 'again', { status: 'exception' }),
      node('node_started', 'again'),
      node('node_retry', 'again', { status: 'running', retry_index: 1 }),
      { event: 'agent_log', data: {} },
      { event: 'ping' },
      { event: 'text_chunk', data: { text: 42 } },
      { event: 'text_replace', data: { text: 'replaced' } },
      node('node_started', 'no-id', { node_id: 7 }),
    ])
    expect(run.nodes.map((n) => [n.nodeId, n.status, n.error])).toEqual([
      ['lonely', 'failed', 'x'],
      ['again', 'running', undefined],
    ])
    expect(run.text).toBe('replaced')
    const late = foldWorkflowEvent(
      fold([node('node_started', 'end'), finished({ status: 'succeeded' })]),
      node('node_finished', 'end', { status: 'succeeded' }),
    )
    expect(late.nodes[0]!.status).toBe('succeeded')
    expect(fold([finished({ status: 'weird', total_steps: 'many' })])).toMatchObject({
      status: 'failed',
    })
    expect(fold([finished({ status: 'weird', total_steps: 'many' })]).totalSteps).toBeUndefined()
  })
})

describe('workflowRunFromDetail', () => {
  it('reads inputs as an object or a JSON string and total_steps as a number or a string', () => {
    const fromString = workflowRunFromDetail({
      id: 'r',
      status: 'succeeded',
      inputs: '{"topic":"Tea"}',
      outputs: { text: 'Hi' },
      total_steps: '3',
    })
    const fromObject = workflowRunFromDetail({
      id: 'r',
      status: 'succeeded',
      inputs: { topic: 'Tea' },
      outputs: { text: 'Hi' },
      total_steps: 3,
    })
    expect(fromString).toEqual(fromObject)
    expect(fromString).toMatchObject({ inputs: { topic: 'Tea' }, totalSteps: 3, text: 'Hi' })
    expect(workflowRunFromDetail({ id: 'r', inputs: 'not json' })?.inputs).toEqual({})
    expect(workflowRunFromDetail(null)).toBeNull()
  })
})
