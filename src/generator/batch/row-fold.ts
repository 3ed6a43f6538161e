import type { ChatError } from '../../api/chat-error.ts'
import type { GeneratorKind } from '../../api/run-api.ts'
import { EMPTY_COMPLETION, foldCompletionEvent } from '../completion-run.ts'
import { EMPTY_RUN, foldWorkflowEvent } from '../workflow-run.ts'
import type { RowOutcome } from './batch-runner.ts'

/** One row's run folded from its events, with the same folds the single-run page uses. */
export interface RowFold {
  apply(event: Record<string, unknown>): void
  /** The text so far: the completion, or a workflow's streamed `text_chunk`s. */
  text(): string
  taskId(): string | undefined
  /** How the run ended once its stream closed; `stopped` when the visitor stopped it. */
  outcome(stopped: boolean): RowOutcome
}

const BROKEN: ChatError = { code: 'stream_broken', status: 502, message: '' }

export function createRowFold(kind: GeneratorKind): RowFold {
  let completion = EMPTY_COMPLETION
  let workflow = EMPTY_RUN
  let error: ChatError | undefined
  const current = () => (kind === 'completion' ? completion : workflow)
  return {
    apply(event) {
      if (event.event === 'error') error = errorOf(event)
      if (kind === 'completion') completion = foldCompletionEvent(completion, event)
      else workflow = foldWorkflowEvent(workflow, event)
    },
    text: () => current().text,
    taskId: () => current().taskId,
    outcome(stopped) {
      if (kind === 'completion') {
        const { status, text } = completion
        if (status === 'succeeded') return { status, text }
        if (stopped || status === 'stopped') return { status: 'stopped', text }
        return { status: 'failed', text, error: error ?? BROKEN }
      }
      const { status, outputs } = workflow
      const text = resultText(workflow.text, outputs)
      const withOutputs = outputs ? { outputs } : {}
      if (status === 'succeeded' || status === 'partial-succeeded') {
        return { status: 'succeeded', text, ...withOutputs }
      }
      if (stopped || status === 'stopped') return { status: 'stopped', text, ...withOutputs }
      if (status === 'running') return { status: 'failed', text, error: error ?? BROKEN }
      return {
        status: 'failed',
        text,
        ...withOutputs,
        error: error ?? { code: 'workflow_failed', status: 500, message: workflow.error ?? '' },
      }
    },
  }
}

/** A workflow's result text: its one string output when it has one, else the streamed chunks. */
function resultText(streamed: string, outputs: Record<string, unknown> | null): string {
  const values = Object.values(outputs ?? {})
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : streamed
}

/** An `error` event in the server's error shape (docs/dify-wire.md#stream-errors). */
function errorOf(event: Record<string, unknown>): ChatError {
  return {
    code: typeof event.code === 'string' ? event.code : 'stream_error',
    status: typeof event.status === 'number' ? event.status : 500,
    message: typeof event.message === 'string' ? event.message : '',
  }
}
