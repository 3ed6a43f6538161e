import { describe, expect, it } from 'vitest'
import { EMPTY_COMPLETION, foldCompletionEvent, stopCompletionRun } from './completion-run.ts'

const fold = (events: Array<Record<string, unknown>>) =>
  events.reduce(foldCompletionEvent, EMPTY_COMPLETION)

describe('foldCompletionEvent', () => {
  it('appends answers, lets message_replace win and ends with the token count', () => {
    const run = fold([
      { event: 'message', task_id: 't', message_id: 'm', answer: 'Hel' },
      { event: 'message', task_id: 't', message_id: 'm', answer: 'lo' },
      { event: 'message_replace', answer: 'Moderated.' },
      { event: 'message_end', message_id: 'm', metadata: { usage: { total_tokens: 12 } } },
      { event: 'tts_message_end', audio: '' },
    ])
    expect(run).toEqual({
      taskId: 't',
      messageId: 'm',
      status: 'succeeded',
      text: 'Moderated.',
      totalTokens: 12,
    })
  })

  it('keeps the partial text of an error, and of a stop', () => {
    const partial = fold([{ event: 'message', answer: 'Half' }])
    expect(
      foldCompletionEvent(partial, { event: 'error', status: 500, message: 'Server error' }),
    ).toMatchObject({ status: 'failed', text: 'Half', error: 'Server error' })
    expect(stopCompletionRun(partial)).toMatchObject({ status: 'stopped', text: 'Half' })
    const stoppedThenEnded = foldCompletionEvent(stopCompletionRun(partial), {
      event: 'message_end',
    })
    expect(stoppedThenEnded.status).toBe('stopped')
  })
})
