import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { ContentCoding } from './encodings.ts'

/** Maximum compression: files are compressed once (at build, or once per theme file version). */
export function compressBytes(bytes: Uint8Array, coding: ContentCoding): Buffer {
  return coding === 'br'
    ? brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
        },
      })
    : gzipSync(bytes, { level: 9 })
}
