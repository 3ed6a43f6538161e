import type { InputProblem } from '../../inputs/inputs.ts'

/** Why a whole file is refused; nothing runs and the visitor sees one message. */
export type BatchFileProblem =
  | { code: 'empty' }
  | { code: 'tooBig'; maxMb: number }
  | { code: 'notCsv' }
  | { code: 'notUtf8' }
  | { code: 'unreadable' }
  | { code: 'noRows' }
  | { code: 'tooManyRows'; max: number }
  | { code: 'badHeader'; missing: string[]; unknown: string[]; repeated: string[] }

/** One cell (or one row's shape) that keeps a batch from running, by spreadsheet row number. */
export interface BatchCellProblem {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number
  /** The variable of the column; undefined when the row's shape is wrong. */
  column?: string
  problem:
    InputProblem | { code: 'notYesNo' } | { code: 'cellCount'; found: number; expected: number }
}
