import { describe, expect, it } from 'vitest'
import { openAiChunkStream, type StreamOutcome } from './chunk-stream.ts'
import { readWholeAnswer } from './whole-answer.ts'

const envelope = {
  conversation_id: 'c-1',
  message_id: 'm-1',
  created_at: 1718000000,
  task_id: 't-1',
}
const record = (event: Record<string, unknown>) =>
  `data: ${JSON.stringify({ ...envelope, ...event })}\n\n`

/** A Dify body of these pieces; with `hang`, it then stays open without a byte more. */
function difyBody(pieces: string[], hang = false) {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece))
      if (!hang) controller.close()
    },
  })
}

async function chunksOf(body: ReadableStream<Uint8Array>, idleTimeoutMs = 5000) {
  let outcome: StreamOutcome | undefined
  const stream = openAiChunkStream(body, {
    model: 'm',
    includeUsage: true,
    reader: { maxRecordBytes: 100_000, difyOrigin: 'https://dify.example' },
    idleTimeoutMs,
    keepAliveMs: 60_000,
    onFinish: (finished) => (outcome = finished),
  })
  const text = await new Response(stream).text()
  return { text, records: text.split('\n\n').filter(Boolean), outcome: outcome! }
}

describe('openAiChunkStream', () => {
  it('ends output moderation with content_filter, and a whole answer takes the replacement', async () => {
    const pieces = [
      record({ event: 'message', id: 'm-1', answer: 'Something rude' }),
      record({ event: 'message_replace', answer: 'Moderated.' }),
      record({ event: 'message_end', id: 'm-1', metadata: {} }),
    ]
    const { records } = await chunksOf(difyBody(pieces))
    const end = JSON.parse(records[records.length - 3]!.slice(6))
    expect(end.choices[0].finish_reason).toBe('content_filter')
    expect(JSON.parse(records[records.length - 2]!.slice(6)).usage).toBeNull()
    const whole = await readWholeAnswer(difyBody(pieces), {
      maxRecordBytes: 100_000,
      difyOrigin: undefined,
      idleTimeoutMs: 5000,
    })
    expect(whole.content).toBe('Moderated.')
    expect(whole.state.usage).toBeUndefined()
  })

  it('makes a relative message_file URL absolute against Dify, as a markdown image', async () => {
    const { text } = await chunksOf(
      difyBody([
        record({
          event: 'message_file',
          id: 'f',
          type: 'image',
          belongs_to: 'assistant',
          url: '/files/x.png?sign=1',
        }),
        record({ event: 'message_end', id: 'm-1', metadata: {} }),
      ]),
    )
    expect(text).toContain(
      '"content":"\\n\\n![image](https://dify.example/files/x.png?sign=1)\\n\\n"',
    )
  })

  it('ends a silent Dify with an error record and no [DONE]', async () => {
    const { records, outcome } = await chunksOf(
      difyBody([record({ event: 'message', id: 'm-1', answer: 'Hi' })], true),
      200,
    )
    expect(records.map((r) => r.slice(0, 12))).toEqual([
      'data: {"id":',
      'data: {"id":',
      'data: {"erro',
    ])
    expect(JSON.parse(records[2]!.slice(6)).error.code).toBe('upstream_timeout')
    expect(outcome.reason).toBe('failed')
  })

  it('calls an answer cut off before message_end broken', async () => {
    const { records } = await chunksOf(
      difyBody([record({ event: 'message', id: 'm-1', answer: 'Hi' })]),
    )
    expect(JSON.parse(records[records.length - 1]!.slice(6)).error).toEqual({
      message: 'The connection to the chat service broke.',
      type: 'api_error',
      param: null,
      code: 'upstream_broken',
    })
  })
})
