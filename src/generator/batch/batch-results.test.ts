import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { batchResultsCsv, type ResultsCsvLabels } from './batch-results.ts'
import type { RowState } from './batch-runner.ts'
import type { BatchRow } from './check-batch-rows.ts'

const LABELS: ResultsCsvLabels = {
  result: '結果',
  status: 'Status',
  error: 'Error',
  statusText: {
    waiting: 'Waiting',
    running: 'Running',
    succeeded: 'Done',
    failed: 'Failed',
    stopped: 'Stopped',
  },
  errorText: (error) => `Could not run (${error.code})`,
}
const rows: BatchRow[] = [
  { row: 2, values: { topic: '猫', tone: 'Formal' }, inputs: {} },
  { row: 3, values: { topic: '=1+1', tone: '' }, inputs: {} },
]
const read = (csv: string) => {
  expect(csv.startsWith('\ufeff')).toBe(true)
  return Papa.parse<string[]>(csv.slice(1)).data
}

describe('batchResultsCsv', () => {
  it("a completion: each row's cells, its text, its status and its error", () => {
    const states: RowState[] = [
      { status: 'succeeded', text: '## 猫\n\nかわいい' },
      { status: 'failed', text: '', error: { code: 'rate_limited', status: 429, message: '' } },
    ]
    expect(read(batchResultsCsv(['topic', 'tone'], rows, states, LABELS))).toEqual([
      ['topic', 'tone', '結果', 'Status', 'Error'],
      ['猫', 'Formal', '## 猫\n\nかわいい', 'Done', ''],
      ["'=1+1", '', '', 'Failed', 'Could not run (rate_limited)'],
    ])
  })

  it('a workflow: one column per output, files as links, lists one a line', () => {
    const states: RowState[] = [
      {
        status: 'succeeded',
        text: '',
        outputs: {
          summary: 'Short',
          image: { type: 'image', filename: 'a.png', url: 'https://files.example/a.png' },
          tags: ['x', 'y'],
        },
      },
      { status: 'succeeded', text: '', outputs: { summary: 'Other', score: 3, extra: { k: 1 } } },
    ]
    expect(read(batchResultsCsv(['topic', 'tone'], rows, states, LABELS))).toEqual([
      ['topic', 'tone', 'summary', 'image', 'tags', 'score', 'extra', 'Status', 'Error'],
      ['猫', 'Formal', 'Short', 'https://files.example/a.png', 'x\ny', '', '', 'Done', ''],
      ["'=1+1", '', 'Other', '', '', '3', '{"k":1}', 'Done', ''],
    ])
  })
})
