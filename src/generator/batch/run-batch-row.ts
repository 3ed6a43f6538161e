import { isChatError } from '../../api/endpoint-api.ts'
import { readTalkStream } from '../../api/read-talk-stream.ts'
import type { GeneratorKind, RunApi } from '../../api/run-api.ts'
import type { RowOutcome, RunRow } from './batch-runner.ts'
import { createRowFold } from './row-fold.ts'

export interface BatchRowRunOptions {
  kind: GeneratorKind
  /** The page's own run API: the same `/run` and stop routes as a single run. */
  api: Pick<RunApi, 'run' | 'stop'>
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
export function createBatchRowRun({ kind, api }: BatchRowRunOptions): RunRow {
  return async (row, { signal, onProgress }) => {
    const fold = createRowFold(kind)
    const stop = () => {
      const taskId = fold.taskId()
      // Without a task id yet, the server stops the task when the aborted request goes away.
      if (taskId) api.stop(taskId).catch(() => {})
    }
    signal.addEventListener('abort', stop, { once: true })
    let framePending = false
    try {
      const { body } = await api.run({ inputs: row.inputs }, signal)
      await readTalkStream(body, (event) => {
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
