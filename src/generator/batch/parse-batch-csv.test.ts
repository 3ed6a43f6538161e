import { describe, expect, it } from 'vitest'
import { parseBatchCsv } from './parse-batch-csv.ts'

const parse = (text: string, maxRows = 1000, columnCount = 2) =>
  parseBatchCsv(text, { maxRows, columnCount, yieldToBrowser: () => Promise.resolve() })

describe('parseBatchCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, CRLF or LF', async () => {
    const csv = 'topic,notes\r\n"a, b","say ""hi"""\r\n"two\nlines",x\r\n'
    expect(await parse(csv.replace(/\r\n/g, '\n'))).toEqual(await parse(csv))
    expect(await parse(csv)).toEqual({
      header: ['topic', 'notes'],
      rows: [
        { row: 2, cells: ['a, b', 'say "hi"'] },
        { row: 3, cells: ['two\nlines', 'x'] },
      ],
    })
  })

  it('skips blank rows but numbers rows as a spreadsheet does', async () => {
    expect(await parse('topic,notes\n\na,b\n,\nc,d\n')).toEqual({
      header: ['topic', 'notes'],
      rows: [
        { row: 3, cells: ['a', 'b'] },
        { row: 5, cells: ['c', 'd'] },
      ],
    })
  })

  it("reads the semicolons and tabs Excel writes in some locales, and keeps a one-column file's ;", async () => {
    expect(await parse('topic;notes\na;b\n')).toMatchObject({ rows: [{ cells: ['a', 'b'] }] })
    expect(await parse('topic\tnotes\na\tb\n')).toMatchObject({ rows: [{ cells: ['a', 'b'] }] })
    expect(await parse('topic\nfirst; second\n', 1000, 1)).toMatchObject({
      rows: [{ cells: ['first; second'] }],
    })
  })

  it('joins rows split across chunks, CJK and quoted line breaks included', async () => {
    const cell = '日本語のテキスト、"引用"\nと改行'.repeat(300)
    const quoted = `"${cell.replace(/"/g, '""')}"`
    const lines = Array.from({ length: 150 }, (_, index) => `${quoted},${index}`)
    const parsed = await parse(`topic,notes\n${lines.join('\n')}\n`)
    expect('rows' in parsed && parsed.rows.length).toBe(150)
    if (!('rows' in parsed)) return
    expect(
      parsed.rows.every((row, index) => row.cells[0] === cell && row.cells[1] === `${index}`),
    ).toBe(true)
    expect(parsed.rows[149]!.row).toBe(151)
  })

  it('yields to the browser between chunks of a large file', async () => {
    let yields = 0
    const lines = Array.from({ length: 1000 }, (_, index) => `${'x'.repeat(500)},${index}`)
    await parseBatchCsv(`topic,notes\n${lines.join('\n')}`, {
      maxRows: 1000,
      columnCount: 2,
      yieldToBrowser: async () => void (yields += 1),
    })
    expect(yields).toBeGreaterThanOrEqual(7)
  })

  it('refuses more rows than the limit, a header alone and a blank file', async () => {
    const rows = Array.from({ length: 6 }, (_, index) => `r${index},x`).join('\n')
    expect(await parse(`topic,notes\n${rows}`, 5)).toEqual({
      problem: { code: 'tooManyRows', max: 5 },
    })
    expect(await parse(`topic,notes\n${rows}`, 6)).toMatchObject({ rows: { length: 6 } })
    expect(await parse('topic,notes\n\n')).toEqual({ problem: { code: 'noRows' } })
    expect(await parse('\n,\n')).toEqual({ problem: { code: 'empty' } })
  })
})
