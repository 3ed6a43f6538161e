import { parseInputForm } from '../../inputs/inputs.ts'
import { batchColumns } from './batch-columns.ts'

/** A form with every kind of batch column, as Dify's `/parameters` describes it. */
export const TEST_FORM = [
  { 'text-input': { variable: 'topic', label: 'Topic', required: true, max_length: 10 } },
  { paragraph: { variable: 'notes', label: 'Notes', required: false } },
  { select: { variable: 'tone', label: 'Tone', required: true, options: ['Friendly', 'Formal'] } },
  { number: { variable: 'count', label: 'Count', required: false } },
  { checkbox: { variable: 'draft', label: 'Draft', required: false } },
]

export const TEST_COLUMNS = batchColumns(parseInputForm(TEST_FORM).fields, [])
