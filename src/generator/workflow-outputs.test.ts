import { describe, expect, it } from 'vitest'
import { copyableText, outputsView } from './workflow-outputs.ts'
import { EMPTY_RUN, type WorkflowRun } from './workflow-run.ts'

const ended = (outputs: Record<string, unknown> | null, text = ''): WorkflowRun => ({
  ...EMPTY_RUN,
  status: 'succeeded',
  outputs,
  text,
})

describe('outputsView', () => {
  it('shows the streamed text while the run goes, whatever outputs come later', () => {
    expect(outputsView({ ...EMPTY_RUN, text: 'so far' })).toEqual({
      kind: 'markdown',
      text: 'so far',
    })
    expect(outputsView(EMPTY_RUN)).toEqual({ kind: 'none' })
  })

  it('shows one string output as markdown', () => {
    expect(outputsView(ended({ answer: '# Hi' }, 'streamed'))).toEqual({
      kind: 'markdown',
      text: '# Hi',
    })
  })

  it('keeps the streamed text when the run ends with no outputs', () => {
    expect(outputsView(ended(null, 'streamed'))).toEqual({ kind: 'markdown', text: 'streamed' })
    expect(outputsView(ended({}))).toEqual({ kind: 'none' })
  })

  it('labels several outputs: strings as markdown, files, other values as JSON', () => {
    const view = outputsView(
      ended({
        text: 'Body',
        words: 12,
        meta: { a: 1 },
        files: [
          { type: 'image', filename: 'chart.svg', url: 'https://dify.example/files/c.svg' },
          { type: 'document', filename: 'notes.txt', url: 'javascript:alert(1)' },
          { type: 'image', filename: 'inline.png', url: 'data:image/png;base64,AA' },
          { type: 'document', filename: 'inline.txt', url: 'data:text/plain;base64,AA' },
        ],
        one: {
          type: 'document',
          filename: 'a.pdf',
          mime_type: 'application/pdf',
          url: 'http://x/a',
        },
      }),
    )
    expect(view).toEqual({
      kind: 'fields',
      fields: [
        { name: 'text', value: { kind: 'markdown', text: 'Body' } },
        { name: 'words', value: { kind: 'text', text: '12' } },
        { name: 'meta', value: { kind: 'text', text: '{\n  "a": 1\n}' } },
        {
          name: 'files',
          value: {
            kind: 'files',
            files: [
              { name: 'chart.svg', url: 'https://dify.example/files/c.svg', image: true },
              { name: 'notes.txt', url: undefined, image: false },
              { name: 'inline.png', url: 'data:image/png;base64,AA', image: true },
              { name: 'inline.txt', url: undefined, image: false },
            ],
          },
        },
        {
          name: 'one',
          value: { kind: 'files', files: [{ name: 'a.pdf', url: 'http://x/a', image: false }] },
        },
      ],
    })
  })

  it('treats a list that is not all files as a value', () => {
    expect(outputsView(ended({ a: 'x', list: [1, 2] }))).toMatchObject({
      fields: [{}, { name: 'list', value: { kind: 'text', text: '[\n  1,\n  2\n]' } }],
    })
  })
})

describe('copyableText', () => {
  it('copies the shown text, or the outputs as JSON', () => {
    expect(copyableText(ended({ answer: 'Only' }))).toBe('Only')
    expect(copyableText(ended(null, 'streamed'))).toBe('streamed')
    expect(copyableText(ended({ a: 'x', b: 2 }))).toBe('{\n  "a": "x",\n  "b": 2\n}')
  })
})
