import { describe, expect, it } from 'vitest'
import { createTurnReader, type TurnDelta } from './dify-turn-reader.ts'

const envelope = { task_id: 't-1', workflow_run_id: 'run-1' }
const event = (name: string, data: Record<string, unknown>) =>
  new TextEncoder().encode(`data: ${JSON.stringify({ event: name, ...envelope, data })}\n\n`)

/** Feeds these events to a reader; what the client would see and the reader's state. */
function read(events: Uint8Array[], workflowApp = true) {
  const deltas: TurnDelta[] = []
  let startedWith: string | undefined
  const turn = createTurnReader({
    maxRecordBytes: 100_000,
    difyOrigin: 'https://dify.example',
    workflowApp,
    onDelta: (delta) => deltas.push(delta),
    onStart: (state) => (startedWith = state.workflowRunId),
  })
  for (const bytes of events) turn.feed(bytes)
  turn.end()
  return { deltas, state: turn.state, startedWith }
}

const started = event('workflow_started', { id: 'run-1', created_at: 1718000000 })
const finished = (data: Record<string, unknown>) =>
  event('workflow_finished', { id: 'run-1', total_tokens: 40, total_steps: '3', ...data })

describe('a Workflow app run read for the OpenAI API', () => {
  it('streams text_chunk and ends with the outputs, without repeating them', () => {
    const { deltas, state, startedWith } = read([
      started,
      event('node_started', { node_id: 'llm', inputs: { 'sys.user_id': 'x' } }),
      event('text_chunk', { text: 'Hello ' }),
      event('text_chunk', { text: 'world' }),
      finished({ status: 'succeeded', outputs: { text: 'Hello world' } }),
    ])
    expect(startedWith).toBe('run-1')
    expect(deltas).toEqual([{ content: 'Hello ' }, { content: 'world' }])
    expect(state).toMatchObject({
      ended: true,
      error: undefined,
      createdAt: 1718000000,
      outputs: { text: 'Hello world' },
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 40 },
    })
  })

  it('gives one text output, or several as JSON, when nothing streamed; files made absolute', () => {
    expect(
      read([started, finished({ status: 'succeeded', outputs: { a: 'only' } })]).deltas,
    ).toEqual([{ content: 'only' }])
    const file = {
      dify_model_identity: '__dify__file__',
      type: 'image',
      filename: 'a.png',
      url: '/files/tools/a.png?sign=s',
      related_id: 'internal',
    }
    const { deltas, state } = read([
      started,
      finished({ status: 'partial-succeeded', outputs: { n: 3, picture: file } }),
    ])
    expect(state.error).toBeUndefined()
    const outputs = JSON.parse(deltas[0]!.content!) as {
      n: number
      picture: Record<string, unknown>
    }
    expect(outputs.n).toBe(3)
    expect(outputs.picture.url).toBe('https://dify.example/files/tools/a.png?sign=s')
    expect(outputs.picture).not.toHaveProperty('related_id')
  })

  it('makes a run that did not succeed an error with Dify’s reason', () => {
    const failed = read([started, finished({ status: 'failed', error: 'Node LLM failed' })])
    expect(failed.state.error).toEqual({
      status: 400,
      code: 'workflow_failed',
      message: 'Node LLM failed',
    })
    const stopped = read([started, finished({ status: 'stopped', error: null })])
    expect(stopped.state.error).toMatchObject({ code: 'workflow_stopped' })
  })

  it('is cut off without workflow_finished, and a Chatflow’s workflow_finished ends nothing', () => {
    expect(read([started, event('text_chunk', { text: 'Hel' })]).state.error).toMatchObject({
      code: 'upstream_broken',
    })
    const chatflow = read([started, finished({ status: 'succeeded', outputs: {} })], false)
    expect(chatflow.state.ended).toBe(false)
    expect(chatflow.startedWith).toBeUndefined()
  })
})
