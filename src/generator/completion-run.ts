/** One completion result as the list of results shows it. */
export interface CompletionRun {
  messageId?: string
  taskId?: string
  status: 'running' | 'succeeded' | 'failed' | 'stopped'
  text: string
  error?: string
  totalTokens?: number
}

export const EMPTY_COMPLETION: CompletionRun = { status: 'running', text: '' }

/**
 * Folds one completion stream event (docs/dify-wire.md#completion-messages): `message` appends,
 * `message_replace` (output moderation) replaces the whole text, `message_end` ends it with its
 * token count, `error` ends it with the message. Pure, like workflow-run.ts.
 */
export function foldCompletionEvent(
  run: CompletionRun,
  event: Record<string, unknown>,
): CompletionRun {
  const next: CompletionRun = {
    ...run,
    ...(typeof event.task_id === 'string' && !run.taskId ? { taskId: event.task_id } : {}),
    ...(typeof event.message_id === 'string' && !run.messageId
      ? { messageId: event.message_id }
      : {}),
  }
  switch (event.event) {
    case 'message':
      return typeof event.answer === 'string' ? { ...next, text: next.text + event.answer } : next
    case 'message_replace':
      return typeof event.answer === 'string' ? { ...next, text: event.answer } : next
    case 'message_end': {
      const usage = (event.metadata as { usage?: { total_tokens?: unknown } } | undefined)?.usage
      const tokens = usage?.total_tokens
      return {
        ...next,
        status: next.status === 'running' ? 'succeeded' : next.status,
        ...(typeof tokens === 'number' ? { totalTokens: tokens } : {}),
      }
    }
    case 'error':
      return {
        ...next,
        status: 'failed',
        error: typeof event.message === 'string' ? event.message : 'The run failed.',
      }
    default:
      return next
  }
}

/** The result after the visitor pressed Stop: what streamed so far, marked stopped. */
export function stopCompletionRun(run: CompletionRun): CompletionRun {
  return run.status === 'running' ? { ...run, status: 'stopped' } : run
}
