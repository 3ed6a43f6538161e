import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startOpenAiStack, type OpenAiStack } from './openai-test-stack.ts'

let stack: OpenAiStack
beforeAll(async () => {
  stack = await startOpenAiStack()
})
afterAll(() => stack.close())

type Chunk = OpenAI.Chat.ChatCompletionChunk & {
  dify?: { workflow_run_id?: string; outputs?: Record<string, unknown> | null }
}

/** One streamed answer through the SDK: every chunk, and the text the client saw. */
async function streamed(endpointId: string, content: string, user = 'streamer') {
  const stream = await stack.client(endpointId).chat.completions.create({
    model: endpointId,
    messages: [{ role: 'user', content }],
    user,
    stream: true,
    stream_options: { include_usage: true },
  })
  const chunks: Chunk[] = []
  for await (const part of stream) chunks.push(part as Chunk)
  const text = chunks.map((part) => part.choices[0]?.delta.content ?? '').join('')
  return { chunks, text, deltas: chunks.filter((part) => part.choices[0]?.delta.content).length }
}

function whole(endpointId: string, content: string, user = 'waiter') {
  return stack.client(endpointId).chat.completions.create({
    model: endpointId,
    messages: [{ role: 'user', content }],
    user,
  })
}

/** The demo generators' text for a topic (server/demo/fake-run-routes.ts). */
const pieceAbout = (topic: string) => `## ${topic}\n\nHere is a short piece about **${topic}**`

describe('a Completion app behind the OpenAI API', () => {
  it('streams the completion, with the message in the form’s first text field', async () => {
    const { chunks, text, deltas } = await streamed('writer', 'tides and moons')
    expect(text.startsWith(pieceAbout('tides and moons'))).toBe(true)
    expect(deltas).toBeGreaterThan(10)
    const last = chunks.find((part) => part.choices[0]?.finish_reason)!
    expect(last.choices[0]!.finish_reason).toBe('stop')
    expect(last.id).toMatch(/^chatcmpl-[0-9a-f-]{36}$/)
    const usage = chunks.at(-1)!.usage!
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens)
    expect(usage.completion_tokens).toBeGreaterThan(0)
  })

  it('answers whole, with Dify’s usage and the message id', async () => {
    const answer = await whole('writer', 'paper boats')
    expect(answer.object).toBe('chat.completion')
    expect(answer.choices[0]!.message.content).toContain(pieceAbout('paper boats'))
    expect(answer.usage!.total_tokens).toBeGreaterThan(31)
    expect(answer.id).toMatch(/^chatcmpl-[0-9a-f-]{36}$/)
  })

  it('turns an error event into an OpenAI error', async () => {
    const failing = whole('writer', '[[error-event=400]] quotas')
    await expect(failing).rejects.toBeInstanceOf(OpenAI.BadRequestError)
    await expect(failing).rejects.toMatchObject({ code: 'completion_request_error' })
  })
})

describe('a Workflow app behind the OpenAI API', () => {
  it('streams its text_chunk events and ends with the run’s outputs and tokens', async () => {
    const { chunks, text, deltas } = await streamed('runner', 'lighthouses')
    expect(text.startsWith(pieceAbout('lighthouses'))).toBe(true)
    expect(deltas).toBeGreaterThan(10)
    const last = chunks.find((part) => part.choices[0]?.finish_reason)!
    expect(last.choices[0]!.finish_reason).toBe('stop')
    expect(last.dify!.outputs).toEqual({ text })
    expect(last.id).toBe(`chatcmpl-${last.dify!.workflow_run_id}`)
    expect(chunks.at(-1)!.usage!.total_tokens).toBeGreaterThan(31)
  })

  it('gives the outputs at the end when the run streams no text', async () => {
    const { text, deltas } = await streamed('runner', '[[outputs-only]] quiet rivers')
    expect(deltas).toBe(1)
    expect(text.startsWith(pieceAbout('quiet rivers'))).toBe(true)
    const answer = await whole('runner', '[[outputs-only]] [[echo]] quiet rivers')
    const outputs = JSON.parse(answer.choices[0]!.message.content!) as Record<string, unknown>
    expect(Object.keys(outputs).sort()).toEqual(['text', 'topic', 'words'])
    expect(outputs.text).toContain(pieceAbout('quiet rivers'))
  })

  it('answers a failed run with an OpenAI error, streamed or whole', async () => {
    const failing = whole('runner', '[[run-failed]] doomed')
    await expect(failing).rejects.toBeInstanceOf(OpenAI.BadRequestError)
    await expect(failing).rejects.toMatchObject({
      code: 'workflow_failed',
      message: expect.stringContaining('context length exceeded'),
    })
    await expect(streamed('runner', '[[run-failed]] doomed')).rejects.toMatchObject({
      error: { code: 'workflow_failed', type: 'invalid_request_error' },
    })
  })

  it('stops the Dify task through the workflow stop when the client leaves', async () => {
    await stack.leaveMidStream('runner', '[[slow=60]] a long walk', 'leaver')
    const user = await stack.difyUser('runner', 'leaver')
    // The fake records a stop only on the route for the app's type, as Dify answers the chat
    // stop of a workflow app with `not_chat_app`.
    await expect
      .poll(() => stack.upstream.fake.stops.filter((stop) => stop.user === user).length)
      .toBe(1)
    await expect.poll(() => stack.upstream.fake.activeTasks()).toBe(0)
  })

  it('says which config field to set when the form has no text field', async () => {
    const refused = whole('choices', 'anything')
    await expect(refused).rejects.toBeInstanceOf(OpenAI.BadRequestError)
    await expect(refused).rejects.toMatchObject({
      code: 'no_query_input',
      message: expect.stringContaining('openai.queryInput'),
    })
  })
})
