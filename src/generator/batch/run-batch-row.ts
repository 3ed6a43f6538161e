import { isChatError } from '../../api/endpoint-api.ts'
import { readTalkStream } from '../../api/read-talk-stream.ts'
import { jsonBody, requestEndpoint } from '../../api/request-json.ts'
import type { RowOutcome, RunRow } from './batch-runner.ts'
import { createRowFold, type GeneratorKind } from './row-fold.ts'

export interface BatchRowApiOptions {
  endpointId: string
  kind: GeneratorKind
}

/** The chatskins stop route of each generator (docs/app-types.md#routes). */
const STOP_PATHS: Record<GeneratorKind, (taskId: string) => string> = {
  completion: (taskId) => `/api/completion-messages/${encodeURIComponent(taskId)}/stop`,
  workflow: (taskId) => `/api/workflows/tasks/${encodeURIComponent(taskId)}/stop`,
}

/** A new frame for the browser, a timer elsewhere (tests). */
const nextFrame = (callback: () => void) =>
  typeof requestAnimationFrame === 'function'
    ? requestAnimationFrame(callback)
    : setTimeout(callback, 16)

/**
 * One batch row over `POST /:id/run`, the single run's route, so the server's per-visitor
 * budgets and stream slots count every row: a refusal (429) rejects with the server's error
 * and the row fails with it. Progress reaches the list once per frame, not per token. Stop
 * asks the generator's stop route for the task, as the page's Stop button does, and aborts.
 */
export function createBatchRowRun({ endpointId, kind }: BatchRowApiOptions): RunRow {
  return async (row, { signal, onProgress }) => {
    const fold = createRowFold(kind)
    const stop = () => {
      const taskId = fold.taskId()
      if (!taskId) return // the server stops a task whose browser left before it began
      requestEndpoint(endpointId, STOP_PATHS[kind](taskId), {
        method: 'POST',
        ...jsonBody({}),
      }).catch(() => {})
    }
    signal.addEventListener('abort', stop, { once: true })
    let framePending = false
    const response = await requestEndpoint(endpointId, '/run', {
      method: 'POST',
      ...jsonBody({ inputs: row.inputs }),
      signal,
    })
    if (!response.body) throw { code: 'empty_response', status: 502, message: '' }
    try {
      await readTalkStream(response.body, (event) => {
        fold.apply(event as unknown as Record<string, unknown>)
        if (framePending) return
        framePending = true
        nextFrame(() => {
          framePending = false
          if (!signal.aborted) onProgress(fold.text())
        })
      })
    } catch (error) {
      if (signal.aborted) {
        // Stopped: the outcome below keeps what streamed before.
      } else if (isChatError(error)) throw error
      else throw { code: 'stream_broken', status: 502, message: String(error) }
    } finally {
      signal.removeEventListener('abort', stop)
    }
    return fold.outcome(signal.aborted) satisfies RowOutcome
  }
}
