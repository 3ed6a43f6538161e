import { batchHeader, type BatchColumns } from './batch-columns.ts'
import { toCsvText } from './csv-text.ts'

/** The CSV template offered for download: the header row alone, one column per variable. */
export function batchTemplateCsv(columns: BatchColumns): string {
  return toCsvText([batchHeader(columns)])
}
