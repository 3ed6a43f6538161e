import Papa from 'papaparse'
import type { BatchFileProblem } from './batch-problems.ts'
import { nextTask } from './next-task.ts'

/** A data row as read: its spreadsheet row number (the header is row 1) and its cells. */
export interface CsvRow {
  row: number
  cells: string[]
}

export interface ParsedCsv {
  header: string[]
  rows: CsvRow[]
}

export interface ParseBatchCsvOptions {
  maxRows: number
  /** With one column there is no delimiter to guess from: a `;` in the text must stay text. */
  columnCount: number
  /** Hands the thread back to the browser between chunks; the default waits one macrotask. */
  yieldToBrowser?: () => Promise<void>
}

/**
 * Text small enough that parsing one chunk stays well inside a frame: a 5 MB file is read in
 * about 80 of them, each its own task, so the page keeps answering while a batch is read.
 */
const CHUNK_CHARS = 64 * 1024

const OTHER_DELIMITERS: readonly string[] = [';', '\t']

/**
 * The header names the columns, so its line tells the delimiter: whichever of Excel's three
 * splits it most (papaparse's own guess looks at every row, and a ragged row misleads it).
 */
function delimiterOf(text: string): string {
  const header = text.trimStart()
  const firstLine = header.slice(0, header.search(/\r?\n|$/))
  const count = (delimiter: string) => firstLine.split(delimiter).length
  return OTHER_DELIMITERS.reduce(
    (best, delimiter) => (count(delimiter) > count(best) ? delimiter : best),
    ',',
  )
}

/**
 * Parses CSV text with papaparse (RFC 4180: quoted cells with commas, quotes and line breaks;
 * CRLF or LF; `,`, `;` or tab as Excel writes them in different locales). Blank rows are
 * skipped but keep their number, so rows are named as the spreadsheet shows them. More than
 * `maxRows` data rows stops the parse at once.
 */
export function parseBatchCsv(
  text: string,
  options: ParseBatchCsvOptions,
): Promise<ParsedCsv | { problem: BatchFileProblem }> {
  const yieldToBrowser = options.yieldToBrowser ?? nextTask
  // The file was just read in its own tasks: parsing starts in a fresh one too.
  return new Promise((resolve) => void yieldToBrowser().then(() => parse(resolve)))

  function parse(resolve: (result: ParsedCsv | { problem: BatchFileProblem }) => void) {
    let header: string[] | undefined
    const rows: CsvRow[] = []
    let rowNumber = 0
    let tooMany = false
    Papa.parse<string[]>(text, {
      chunkSize: CHUNK_CHARS,
      skipEmptyLines: false,
      delimiter: options.columnCount <= 1 ? ',' : delimiterOf,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        for (const cells of results.data) {
          rowNumber += 1
          if (cells.every((cell) => cell.trim() === '')) continue
          if (!header) {
            header = cells
            continue
          }
          if (rows.length === options.maxRows) {
            tooMany = true
            parser.abort()
            return
          }
          rows.push({ row: rowNumber, cells })
        }
        parser.pause()
        void yieldToBrowser().then(() => parser.resume())
      },
      complete() {
        if (tooMany) resolve({ problem: { code: 'tooManyRows', max: options.maxRows } })
        else if (!header) resolve({ problem: { code: 'empty' } })
        else if (rows.length === 0) resolve({ problem: { code: 'noRows' } })
        else resolve({ header, rows })
      },
    })
  }
}
