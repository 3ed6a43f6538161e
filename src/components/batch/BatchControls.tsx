import { batchResultsCsv } from '../../generator/batch/batch-results.ts'
import type { BatchRunner, RowStatus } from '../../generator/batch/batch-runner.ts'
import { rowErrorText, type BatchWords } from '../../generator/batch/batch-text.ts'
import { downloadText } from '../../generator/batch/download-text.ts'

const STATUSES: readonly RowStatus[] = ['waiting', 'running', 'succeeded', 'failed', 'stopped']

/** Run, Stop all, Retry and Download, with the batch's progress and its end announced. */
export function BatchControls({
  runner,
  header,
  words,
  fileName,
}: {
  runner: BatchRunner
  header: readonly string[]
  words: BatchWords
  fileName: string
}) {
  const { tb } = words
  const phase = runner.phase.value
  const counts = runner.counts.value
  const total = runner.rows.length
  const done = counts.succeeded + counts.failed + counts.stopped
  const again = counts.failed + counts.stopped
  const number = (value: number) => value.toLocaleString()

  const download = () => {
    const csv = batchResultsCsv(
      header,
      runner.rows,
      runner.states.map((state) => state.peek()),
      {
        result: tb('batch.csv.result'),
        status: tb('batch.csv.status'),
        error: tb('batch.csv.error'),
        statusText: Object.fromEntries(
          STATUSES.map((status) => [status, tb(`batch.status.${status}`)]),
        ) as Record<RowStatus, string>,
        errorText: (error) => rowErrorText(error, words),
      },
    )
    downloadText(fileName, csv)
  }

  return (
    <div data-part="batch-controls" data-phase={phase}>
      <div data-part="batch-actions">
        {phase === 'idle' && (
          <button type="button" data-part="batch-run" onClick={runner.start}>
            {tb('batch.run', { count: number(total) })}
          </button>
        )}
        {(phase === 'running' || phase === 'stopping') && (
          <button
            type="button"
            data-part="batch-stop"
            disabled={phase === 'stopping'}
            onClick={runner.stopAll}
          >
            {phase === 'stopping' ? tb('batch.stopping') : tb('batch.stopAll')}
          </button>
        )}
        {phase === 'done' && again > 0 && (
          <button type="button" data-part="batch-retry" onClick={runner.retry}>
            {tb('batch.retry', { count: number(again) })}
          </button>
        )}
        {phase === 'done' && (
          <button type="button" data-part="batch-download" onClick={download}>
            {tb('batch.download')}
          </button>
        )}
      </div>
      {phase !== 'idle' && (
        <div data-part="batch-progress">
          <progress max={total} value={done} aria-labelledby="chatskins-batch-progress" />
          <span id="chatskins-batch-progress">
            {tb('batch.progress', {
              done: number(done),
              total: number(total),
              running: number(counts.running),
              failed: number(counts.failed),
            })}
          </span>
        </div>
      )}
      <p data-part="batch-announcement" role="status" class="sr-only">
        {phase === 'done'
          ? tb('batch.finished', {
              succeeded: number(counts.succeeded),
              failed: number(counts.failed),
              stopped: number(counts.stopped),
            })
          : ''}
      </p>
    </div>
  )
}
