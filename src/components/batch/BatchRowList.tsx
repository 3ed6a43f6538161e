import { useState } from 'preact/hooks'
import type { ReadonlySignal } from '@preact/signals'
import type { BatchRunner, RowState } from '../../generator/batch/batch-runner.ts'
import { outputsText } from '../../generator/batch/batch-results.ts'
import { rowErrorText, type BatchWords } from '../../generator/batch/batch-text.ts'
import type { BatchRow } from '../../generator/batch/check-batch-rows.ts'

/** Rows a page of the list shows: a 1,000-row batch never puts 1,000 rows in the DOM. */
const PAGE_ROWS = 50
/** Characters of a row's inputs and result shown before it is opened. */
const PREVIEW_CHARS = 120

/** The batch's rows a page at a time; each row re-renders alone as its run progresses. */
export function BatchRowList({ runner, words }: { runner: BatchRunner; words: BatchWords }) {
  const { tb } = words
  const [page, setPage] = useState(0)
  const total = runner.rows.length
  const from = page * PAGE_ROWS
  const to = Math.min(total, from + PAGE_ROWS)
  const number = (value: number) => value.toLocaleString()
  return (
    <div data-part="batch-list">
      <ol data-part="batch-rows" aria-label={tb('batch.rows')}>
        {runner.rows.slice(from, to).map((row, index) => (
          <BatchRowItem
            key={row.row}
            row={row}
            state={runner.states[from + index]!}
            words={words}
          />
        ))}
      </ol>
      {total > PAGE_ROWS && (
        <nav data-part="batch-pages" aria-label={tb('batch.rows')}>
          <button
            type="button"
            data-part="batch-page"
            disabled={page === 0}
            onClick={() => setPage(page - 1)}
          >
            {tb('batch.previous')}
          </button>
          <span aria-live="polite">
            {tb('batch.rowsShown', {
              from: number(from + 1),
              to: number(to),
              total: number(total),
            })}
          </span>
          <button
            type="button"
            data-part="batch-page"
            disabled={to >= total}
            onClick={() => setPage(page + 1)}
          >
            {tb('batch.next')}
          </button>
        </nav>
      )}
    </div>
  )
}

function BatchRowItem({
  row,
  state,
  words,
}: {
  row: BatchRow
  state: ReadonlySignal<RowState>
  words: BatchWords
}) {
  const { tb } = words
  const { status, text, outputs, error } = state.value
  const result = text || outputsText(outputs)
  return (
    <li data-part="batch-row" data-status={status}>
      <div data-part="batch-row-head">
        <span data-part="batch-row-number">{tb('batch.row', { row: String(row.row) })}</span>
        <span data-part="batch-row-inputs">
          {preview(
            Object.values(row.values)
              .filter((value) => value.trim() !== '')
              .join(' · '),
          )}
        </span>
        <span data-part="batch-row-status">{tb(`batch.status.${status}`)}</span>
      </div>
      {error && <p data-part="batch-row-error">{rowErrorText(error, words)}</p>}
      {result &&
        (status === 'running' ? (
          <p data-part="batch-row-result">{preview(result)}</p>
        ) : (
          <details data-part="batch-row-result">
            <summary>{preview(result)}</summary>
            <div data-part="batch-row-text">{result}</div>
          </details>
        ))}
    </li>
  )
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  const start = Array.from(line.slice(0, PREVIEW_CHARS + 1))
  return start.length > PREVIEW_CHARS ? `${start.slice(0, PREVIEW_CHARS).join('')}…` : line
}
