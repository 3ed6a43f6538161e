import {
  parseFlag,
  toDifyInputs,
  validateInput,
  type InputField,
  type InputValue,
} from '../../inputs/inputs.ts'
import { batchHeader, type BatchColumns } from './batch-columns.ts'
import type { BatchCellProblem, BatchFileProblem } from './batch-problems.ts'
import type { ParsedCsv } from './parse-batch-csv.ts'

/** A row ready to run: its spreadsheet row number, its cells by variable, the `inputs` it sends. */
export interface BatchRow {
  row: number
  values: Readonly<Record<string, string>>
  inputs: Record<string, unknown>
}

export type BatchCheck =
  { rows: BatchRow[] } | { problem: BatchFileProblem } | { cellProblems: BatchCellProblem[] }

/**
 * Checks a parsed CSV against the form before anything runs. The header must name every column
 * once, by variable or by label, in any order. Each cell gets the form's own checks (required,
 * `max_length` in code points, select options, numbers; a checkbox takes yes/no, true/false,
 * 1/0 or on/off), and every problem is reported, by row and column, not just the first.
 */
export function checkBatchRows(columns: BatchColumns, csv: ParsedCsv): BatchCheck {
  const order = matchHeader(columns, csv.header)
  if ('problem' in order) return order
  const rows: BatchRow[] = []
  const cellProblems: BatchCellProblem[] = []
  for (const { row, cells } of csv.rows) {
    const extra = cells.slice(order.fields.length).filter((cell) => cell.trim() !== '')
    if (extra.length > 0) {
      cellProblems.push({
        row,
        problem: { code: 'cellCount', found: cells.length, expected: order.fields.length },
      })
      continue
    }
    const values: Record<string, string> = {}
    const typed: Record<string, InputValue> = {}
    order.fields.forEach((field, index) => {
      const cell = cells[index] ?? ''
      values[field.variable] = cell
      const checked = checkCell(field, cell)
      if ('problem' in checked) {
        cellProblems.push({ row, column: field.variable, problem: checked.problem })
      } else typed[field.variable] = checked.value
    })
    rows.push({ row, values, inputs: toDifyInputs(columns.fields, typed) })
  }
  return cellProblems.length > 0 ? { cellProblems } : { rows }
}

function checkCell(
  field: InputField,
  cell: string,
): { value: InputValue } | { problem: BatchCellProblem['problem'] } {
  if (field.type === 'checkbox') {
    if (cell.trim() === '') return { value: false }
    const flag = parseFlag(cell)
    return flag === undefined ? { problem: { code: 'notYesNo' } } : { value: flag }
  }
  const problem = validateInput(field, cell)
  return problem ? { problem } : { value: cell }
}

/** The form's fields in the file's column order, or what is wrong with the header. */
function matchHeader(
  columns: BatchColumns,
  header: readonly string[],
): { fields: InputField[] } | { problem: BatchFileProblem } {
  const { fields } = columns
  const matched: InputField[] = []
  const unknown: string[] = []
  const repeated: string[] = []
  const names = header.map((name) => name.trim())
  // Spreadsheets often save a stray empty column at the end.
  while (names.at(-1) === '') names.pop()
  for (const cell of names) {
    const field =
      fields.find((candidate) => candidate.variable === cell) ??
      fields.find((candidate) => candidate.label === cell)
    if (!field) unknown.push(cell)
    else if (matched.includes(field)) repeated.push(cell)
    else matched.push(field)
  }
  const missing = batchHeader(columns).filter(
    (variable) => !matched.some((field) => field.variable === variable),
  )
  return missing.length > 0 || unknown.length > 0 || repeated.length > 0
    ? { problem: { code: 'badHeader', missing, unknown, repeated } }
    : { fields: matched }
}
