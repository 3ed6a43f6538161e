import { describe, expect, it } from 'vitest'
import { checkBatchRows } from './check-batch-rows.ts'
import { TEST_COLUMNS } from './batch-test-form.ts'

const HEADER = ['topic', 'notes', 'tone', 'count', 'draft']
const check = (rows: string[][], header = HEADER) =>
  checkBatchRows(TEST_COLUMNS, {
    header,
    rows: rows.map((cells, index) => ({ row: index + 2, cells })),
  })

describe('checkBatchRows', () => {
  it("turns valid rows into each run's inputs, empty optional cells left to Dify's default", () => {
    expect(
      check([
        ['Cats', 'fluffy', 'Friendly', '3', 'yes'],
        ['Dogs', '', 'Formal', '', ''],
      ]),
    ).toEqual({
      rows: [
        {
          row: 2,
          values: { topic: 'Cats', notes: 'fluffy', tone: 'Friendly', count: '3', draft: 'yes' },
          inputs: { topic: 'Cats', notes: 'fluffy', tone: 'Friendly', count: 3, draft: true },
        },
        {
          row: 3,
          values: { topic: 'Dogs', notes: '', tone: 'Formal', count: '', draft: '' },
          inputs: { topic: 'Dogs', tone: 'Formal', draft: false },
        },
      ],
    })
  })

  it('takes the columns in any order, named by variable or by label', () => {
    const result = check(
      [['Formal', 'Cats', 'off', '1.5', 'x']],
      ['Tone', 'topic', 'draft', 'Count', 'Notes'],
    )
    expect(result).toMatchObject({
      rows: [{ inputs: { topic: 'Cats', tone: 'Formal', draft: false, count: 1.5, notes: 'x' } }],
    })
  })

  it('names what is wrong with the header: missing, unknown and repeated columns', () => {
    expect(check([['a']], ['topic', 'Topic', 'colour', 'tone', 'count', 'draft', ''])).toEqual({
      problem: { code: 'badHeader', missing: ['notes'], unknown: ['colour'], repeated: ['Topic'] },
    })
    expect(check([['a', '', 'Formal', '', '', '']], [...HEADER, ''])).toMatchObject({ rows: [{}] })
  })

  it('reports every problem of every row by row and column before anything runs', () => {
    expect(
      check([
        ['', 'ok', 'Loud', 'many', 'maybe'],
        ['Cats', '', 'Friendly', '', ''],
        ['日本語のテキストです。長い', '', 'Formal', '1e3', 'TRUE'],
        ['Dogs', '', 'Formal', '', '', 'extra'],
      ]),
    ).toEqual({
      cellProblems: [
        { row: 2, column: 'topic', problem: { code: 'required' } },
        { row: 2, column: 'tone', problem: { code: 'notAnOption' } },
        { row: 2, column: 'count', problem: { code: 'notANumber' } },
        { row: 2, column: 'draft', problem: { code: 'notYesNo' } },
        { row: 4, column: 'topic', problem: { code: 'tooLong', max: 10 } },
        { row: 5, problem: { code: 'cellCount', found: 6, expected: 5 } },
      ],
    })
  })

  it('counts max_length in code points, as Dify does', () => {
    expect(check([['😀'.repeat(10), '', 'Formal', '', '']])).toMatchObject({ rows: [{}] })
  })
})
