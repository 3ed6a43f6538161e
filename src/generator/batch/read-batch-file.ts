import type { BatchFileProblem } from './batch-problems.ts'
import { MAX_BATCH_BYTES } from './batch-limits.ts'

/** What browsers and OSes call a CSV file; Windows reports Excel's CSV as `vnd.ms-excel`. */
const CSV_TYPES = new Set([
  '',
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
])

/**
 * An uploaded file as text, or why it isn't a CSV the batch can read: the size and name are
 * checked before a byte is read, and the bytes must be UTF-8 (what Excel's "CSV UTF-8" writes)
 * with no NUL, which no text file has. A leading byte order mark is dropped.
 */
export async function readBatchFile(
  file: Blob & { name: string },
): Promise<{ text: string } | { problem: BatchFileProblem }> {
  if (file.size > MAX_BATCH_BYTES) {
    return { problem: { code: 'tooBig', maxMb: MAX_BATCH_BYTES / 1024 / 1024 } }
  }
  if (!/\.csv$/i.test(file.name) || !CSV_TYPES.has(file.type.toLowerCase())) {
    return { problem: { code: 'notCsv' } }
  }
  if (file.size === 0) return { problem: { code: 'empty' } }
  let bytes: ArrayBuffer
  try {
    bytes = await file.arrayBuffer()
  } catch {
    return { problem: { code: 'unreadable' } }
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { problem: { code: 'notUtf8' } }
  }
  if (text.includes('\0')) return { problem: { code: 'notCsv' } }
  return text.trim() === '' ? { problem: { code: 'empty' } } : { text }
}
