import { describe, expect, it } from 'vitest'
import type { GeneratorKind } from '../../api/run-api.ts'
import { createRowFold } from './row-fold.ts'

const fold = (kind: GeneratorKind, events: Array<Record<string, unknown>>, stopped = false) => {
  const row = createRowFold(kind)
  for (const event of events) row.apply(event)
  return { outcome: row.outcome(stopped), taskId: row.taskId() }
}
const workflowEnd = (data: Record<string, unknown>) => ({
  event: 'workflow_finished',
  workflow_run_id: 'r',
  data,
})

describe('createRowFold', () => {
  it('a completion: its text, its task for Stop, the error event that failed it', () => {
    expect(
      fold('completion', [
        { event: 'message', task_id: 't1', answer: 'Hi' },
        { event: 'message_end', metadata: {} },
      ]),
    ).toEqual({ outcome: { status: 'succeeded', text: 'Hi' }, taskId: 't1' })
    expect(
      fold('completion', [
        { event: 'message', task_id: 't1', answer: 'Half' },
        { event: 'error', code: 'completion_request_error', status: 400, message: 'Bad model' },
      ]).outcome,
    ).toEqual({
      status: 'failed',
      text: 'Half',
      error: { code: 'completion_request_error', status: 400, message: 'Bad model' },
    })
  })

  it('a stream that closes without an end failed as cut off, unless the visitor stopped it', () => {
    const events = [{ event: 'message', task_id: 't1', answer: 'Half' }]
    expect(fold('completion', events).outcome).toMatchObject({
      status: 'failed',
      error: { code: 'stream_broken' },
    })
    expect(fold('completion', events, true).outcome).toEqual({ status: 'stopped', text: 'Half' })
    expect(fold('workflow', [{ event: 'workflow_started', data: {} }]).outcome).toMatchObject({
      status: 'failed',
      error: { code: 'stream_broken' },
    })
  })

  it("a workflow's result: its one string output, or its chunks beside several outputs", () => {
    expect(
      fold('workflow', [
        { event: 'text_chunk', task_id: 'w1', data: { text: 'draft' } },
        workflowEnd({ status: 'succeeded', outputs: { answer: 'Final' } }),
      ]),
    ).toEqual({
      outcome: { status: 'succeeded', text: 'Final', outputs: { answer: 'Final' } },
      taskId: 'w1',
    })
    const outputs = { a: 'one', b: 2 }
    expect(
      fold('workflow', [
        { event: 'text_chunk', data: { text: 'streamed' } },
        workflowEnd({ status: 'partial-succeeded', outputs }),
      ]).outcome,
    ).toEqual({ status: 'succeeded', text: 'streamed', outputs })
  })

  it("a failed workflow carries Dify's error; one stopped elsewhere is stopped", () => {
    expect(
      fold('workflow', [workflowEnd({ status: 'failed', error: 'Node LLM failed', outputs: null })])
        .outcome,
    ).toEqual({
      status: 'failed',
      text: '',
      error: { code: 'workflow_failed', status: 500, message: 'Node LLM failed' },
    })
    expect(fold('workflow', [workflowEnd({ status: 'stopped' })]).outcome.status).toBe('stopped')
  })
})
