import Papa from 'papaparse'

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark (else CJK is garbled). */
const BOM = '\ufeff'

/**
 * A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
 * leading `'`: results are the LLM's text, and a cell like `=HYPERLINK(…)` must stay text. A
 * plain signed number (`-5`, `+1.5`) is left as it is.
 */
const FORMULA_START = /^(?![+-]?\d+(\.\d+)?$)[=+\-@\t\r]/

/** Rows as CSV text for a download: a BOM, CRLF lines (RFC 4180), formulas neutralised. */
export function toCsvText(rows: readonly (readonly string[])[]): string {
  return BOM + Papa.unparse(rows as string[][], { newline: '\r\n', escapeFormulae: FORMULA_START })
}
