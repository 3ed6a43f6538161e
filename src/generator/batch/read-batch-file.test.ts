import { describe, expect, it } from 'vitest'
import { MAX_BATCH_BYTES } from './batch-limits.ts'
import { readBatchFile } from './read-batch-file.ts'

const file = (parts: BlobPart[], name = 'rows.csv', type = 'text/csv') =>
  new File(parts, name, { type })

describe('readBatchFile', () => {
  it('reads UTF-8 text and drops the byte order mark Excel writes', async () => {
    expect(await readBatchFile(file(['\ufefftopic\n日本語\n']))).toEqual({
      text: 'topic\n日本語\n',
    })
    expect(await readBatchFile(file(['topic\nx'], 'ROWS.CSV', 'application/vnd.ms-excel'))).toEqual(
      { text: 'topic\nx' },
    )
  })

  it('decodes a large file in slices without breaking a character at a slice edge', async () => {
    const text = 'x' + '日本語'.repeat(100_000)
    expect(await readBatchFile(file([text]))).toEqual({ text })
  })

  it('refuses an empty file, or one with nothing but a BOM and blank lines', async () => {
    expect(await readBatchFile(file([]))).toEqual({ problem: { code: 'empty' } })
    expect(await readBatchFile(file(['\ufeff\r\n \n']))).toEqual({ problem: { code: 'empty' } })
  })

  it('refuses a file over 5 MB before reading it', async () => {
    const big = file([new Uint8Array(MAX_BATCH_BYTES + 1).fill(0x61)])
    expect(await readBatchFile(big)).toEqual({ problem: { code: 'tooBig', maxMb: 5 } })
    const limit = file([new Uint8Array(MAX_BATCH_BYTES).fill(0x61)])
    expect(await readBatchFile(limit)).toMatchObject({ text: expect.any(String) })
  })

  it('refuses what is not a CSV: another name or type, binary bytes, another encoding', async () => {
    expect(await readBatchFile(file(['a,b'], 'rows.xlsx'))).toEqual({ problem: { code: 'notCsv' } })
    expect(await readBatchFile(file(['a,b'], 'rows.csv', 'image/png'))).toEqual({
      problem: { code: 'notCsv' },
    })
    expect(await readBatchFile(file([new Uint8Array([0x61, 0x00, 0x62])]))).toEqual({
      problem: { code: 'notCsv' },
    })
    // "日本" in Shift_JIS, as Excel's plain "CSV" saves it on a Japanese Windows.
    expect(await readBatchFile(file([new Uint8Array([0x93, 0xfa, 0x96, 0x7b])]))).toEqual({
      problem: { code: 'notUtf8' },
    })
  })
})
