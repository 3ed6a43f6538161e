import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { batchTemplateCsv } from './batch-template.ts'
import { TEST_COLUMNS } from './batch-test-form.ts'
import { toCsvText } from './csv-text.ts'

describe('toCsvText', () => {
  it('starts with a BOM and quotes what needs quoting, CRLF between rows', () => {
    expect(
      toCsvText([
        ['a', 'b, c'],
        ['say "hi"', 'two\nlines'],
      ]),
    ).toBe('\ufeffa,"b, c"\r\n"say ""hi""","two\nlines"')
  })

  it('keeps a formula a spreadsheet would run as text, but not a plain number', () => {
    const csv = toCsvText([['=HYPERLINK("http://x")', '+1+1', '@SUM(A1)', '-5', '+2.5', '- item']])
    expect(Papa.parse<string[]>(csv.slice(1)).data[0]).toEqual([
      `'=HYPERLINK("http://x")`,
      "'+1+1",
      "'@SUM(A1)",
      '-5',
      '+2.5',
      "'- item",
    ])
  })
})

describe('batchTemplateCsv', () => {
  it('is the header row of the form, one column per variable', () => {
    expect(batchTemplateCsv(TEST_COLUMNS)).toBe('\ufefftopic,notes,tone,count,draft')
  })
})
