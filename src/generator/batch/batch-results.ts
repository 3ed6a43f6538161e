import { isRecord } from '../../../contract/guards.ts'
import type { RowState, RowStatus } from './batch-runner.ts'
import type { BatchRow } from './check-batch-rows.ts'
import { toCsvText } from './csv-text.ts'

/** The visitor's words for the columns chatskins adds, and for each row's status and error. */
export interface ResultsCsvLabels {
  result: string
  status: string
  error: string
  statusText: Readonly<Record<RowStatus, string>>
  errorText(error: NonNullable<RowState['error']>): string
}

/**
 * The batch's results as CSV (with a BOM, see csv-text.ts): each row's own cells, then its
 * result (a completion's text, or one column per workflow output), its status and its error.
 */
export function batchResultsCsv(
  header: readonly string[],
  rows: readonly BatchRow[],
  states: readonly RowState[],
  labels: ResultsCsvLabels,
): string {
  const outputNames = [...new Set(states.flatMap((state) => Object.keys(state.outputs ?? {})))]
  const results = outputNames.length > 0 ? outputNames : [labels.result]
  const lines = rows.map((row, index) => {
    const state = states[index] ?? { status: 'waiting', text: '' }
    const outputs =
      outputNames.length > 0
        ? outputNames.map((name) => cellOf(state.outputs?.[name]))
        : [state.text]
    return [
      ...header.map((variable) => row.values[variable] ?? ''),
      ...outputs,
      labels.statusText[state.status],
      state.error ? labels.errorText(state.error) : '',
    ]
  })
  return toCsvText([[...header, ...results, labels.status, labels.error], ...lines])
}

/** A workflow's outputs as text, one `name: value` a line (the list's preview of a row). */
export function outputsText(outputs: RowState['outputs']): string {
  return Object.entries(outputs ?? {})
    .map(([name, value]) => `${name}: ${cellOf(value)}`)
    .join('\n')
}

/** An output in one cell: text as it is, a file as its link, a list one item a line. */
function cellOf(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return value.map(cellOf).join('\n')
  if (isRecord(value) && typeof value.url === 'string') return value.url
  return JSON.stringify(value)
}
