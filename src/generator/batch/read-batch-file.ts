import type { BatchFileProblem } from './batch-problems.ts'
import { nextTask } from './next-task.ts'
import { MAX_BATCH_BYTES } from './batch-limits.ts'

/** Bytes decoded per task: a 5 MB file never holds the page for long in one go. */
const DECODE_SLICE = 256 * 1024

/**
 * Strict UTF-8 (a byte order mark dropped), a slice per task; null when the bytes are not
 * UTF-8. A character split between slices is carried over by the streaming decoder.
 */
async function decodeUtf8(bytes: Uint8Array): Promise<string | null> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const parts: string[] = []
  try {
    for (let start = 0; start < bytes.length; start += DECODE_SLICE) {
      if (start > 0) await nextTask()
      const end = start + DECODE_SLICE
      parts.push(decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length }))
    }
    parts.push(decoder.decode())
  } catch {
    return null
  }
  return parts.join('')
}

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
  const text = await decodeUtf8(new Uint8Array(bytes))
  if (text === null) return { problem: { code: 'notUtf8' } }
  if (text.includes('\0')) return { problem: { code: 'notCsv' } }
  return text.trim() === '' ? { problem: { code: 'empty' } } : { text }
}
