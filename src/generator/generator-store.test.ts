import { describe, expect, it, vi } from 'vitest'
import { readTalkStream } from '../api/read-talk-stream.ts'
import type { RunApi, RunRequest } from '../api/run-api.ts'
import { createGeneratorStore } from './generator-store.ts'
import type { LastRun } from './last-run.ts'

/** An event stream the test feeds; aborting the request errors it, as fetch does. */
function liveStream(signal: AbortSignal) {
  const encoder = new TextEncoder()
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
  signal.addEventListener('abort', () =>
    controller.error(new DOMException('aborted', 'AbortError')),
  )
  return {
    stream,
    push: (...events: object[]) => {
      for (const event of events) {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`))
      }
    },
    close: () => controller.close(),
  }
}

function memoryLastRun(initial: string | null = null): LastRun & { value: string | null } {
  const lastRun = {
    value: initial,
    read: () => lastRun.value,
    write: (id: string) => void (lastRun.value = id),
    clear: () => void (lastRun.value = null),
  }
  return lastRun
}

function setup(
  kind: 'completion' | 'workflow',
  options: { inputs?: boolean; files?: () => Array<Record<string, unknown>> } = {},
) {
  const streams: Array<ReturnType<typeof liveStream>> = []
  const requests: RunRequest[] = []
  const api: RunApi = {
    run: vi.fn(async (request: RunRequest, signal: AbortSignal) => {
      requests.push(request)
      const live = liveStream(signal)
      streams.push(live)
      return { body: live.stream, requestId: 'req-1' }
    }),
    stop: vi.fn(async () => {}),
    runDetail: vi.fn(async () => ({})),
  }
  const lastRun = memoryLastRun()
  const store = createGeneratorStore({
    kind,
    api,
    inputs: async () => (options.inputs === false ? undefined : { topic: 'tea' }),
    ...(options.files ? { files: options.files } : {}),
    lastRun,
    readStream: readTalkStream,
    stopGraceMs: 50,
  })
  const started = async () => {
    await vi.waitFor(() => expect(streams.length).toBeGreaterThan(0))
    return streams.at(-1)!
  }
  return { api, store, lastRun, requests, started }
}

const WF = { task_id: 'task-1', workflow_run_id: 'run-1' }
const node = (event: string, nodeId: string, extra: object = {}) => ({
  event,
  ...WF,
  data: { node_id: nodeId, node_type: 'llm', title: nodeId, ...extra },
})

describe('createGeneratorStore: completion', () => {
  it('streams a result, keeps earlier ones below it, and sends the form inputs', async () => {
    const { store, requests, started } = setup('completion')
    const first = store.run()
    const live = await started()
    live.push(
      { event: 'message', task_id: 'task-1', message_id: 'm1', answer: 'Hello ' },
      { event: 'message', task_id: 'task-1', message_id: 'm1', answer: 'tea' },
    )
    await vi.waitFor(() => expect(store.results.value[0]?.text.value).toBe('Hello tea'))
    expect(store.busy.value).toBe(true)
    live.push({ event: 'message_end', task_id: 'task-1', metadata: { usage: { total_tokens: 9 } } })
    live.close()
    await first
    expect(requests).toEqual([{ inputs: { topic: 'tea' } }])
    expect(store.results.value[0]?.run.value).toMatchObject({ status: 'succeeded', totalTokens: 9 })
    expect(store.results.value[0]?.difyId.value).toBe('m1')
    expect(store.busy.value).toBe(false)

    const second = store.run()
    await vi.waitFor(() => expect(store.results.value).toHaveLength(2))
    const live2 = (await started())!
    live2.push({ event: 'message', task_id: 'task-2', message_id: 'm2', answer: 'Again' })
    live2.push({ event: 'message_end', task_id: 'task-2' })
    live2.close()
    await second
    expect(store.results.value.map((result) => result.text.value)).toEqual(['Again', 'Hello tea'])
  })

  it('sends the uploaded files with each run, and no files field without any', async () => {
    const picture = { type: 'image', transfer_method: 'local_file', upload_file_id: 'up-1' }
    let attached: Array<Record<string, unknown>> = [picture]
    const { store, requests, started } = setup('completion', { files: () => attached })
    const first = store.run()
    const live = await started()
    live.push({ event: 'message_end', task_id: 'task-1' })
    live.close()
    await first
    // The picture stays attached, like the form's inputs: a second run sends it again.
    const second = store.run()
    await vi.waitFor(() => expect(requests).toHaveLength(2))
    const live2 = await started()
    live2.close()
    await second
    attached = []
    const third = store.run()
    await vi.waitFor(() => expect(requests).toHaveLength(3))
    ;(await started()).close()
    await third
    expect(requests).toEqual([
      { inputs: { topic: 'tea' }, files: [picture] },
      { inputs: { topic: 'tea' }, files: [picture] },
      { inputs: { topic: 'tea' } },
    ])
  })

  it('runs nothing when the form refuses its inputs', async () => {
    const { api, store } = setup('completion', { inputs: false })
    await store.run()
    expect(api.run).not.toHaveBeenCalled()
    expect(store.results.value).toEqual([])
    expect(store.busy.value).toBe(false)
  })

  it('Stop asks the server to stop the task and keeps the partial text, marked stopped', async () => {
    const { api, store, started } = setup('completion')
    const running = store.run()
    const live = await started()
    live.push({ event: 'message', task_id: 'task-9', message_id: 'm9', answer: 'Half' })
    await vi.waitFor(() => expect(store.results.value[0]?.text.value).toBe('Half'))
    store.stop()
    expect(api.stop).toHaveBeenCalledWith('task-9')
    // Dify ends the stream with message_end once it has stopped.
    live.push({ event: 'message_end', task_id: 'task-9' })
    live.close()
    await running
    expect(store.results.value[0]?.run.value).toMatchObject({ status: 'stopped', text: 'Half' })
    expect(store.error.value).toBeNull()
  })

  it('cuts the stream when Dify does not end it soon after Stop', async () => {
    const { store, started } = setup('completion')
    const running = store.run()
    const live = await started()
    live.push({ event: 'message', task_id: 'task-3', message_id: 'm3', answer: 'Part' })
    await vi.waitFor(() => expect(store.results.value[0]?.text.value).toBe('Part'))
    store.stop()
    await running
    expect(store.results.value[0]?.run.value.status).toBe('stopped')
    expect(store.error.value).toBeNull()
  })

  it('shows an error event in the visitor’s words and keeps what came before it', async () => {
    const { store, started } = setup('completion')
    const running = store.run()
    const live = await started()
    live.push(
      { event: 'message', task_id: 't', message_id: 'm', answer: 'Some' },
      { event: 'error', task_id: 't', status: 500, code: 'internal_server_error', message: 'boom' },
    )
    live.close()
    await running
    expect(store.results.value[0]?.run.value).toMatchObject({ status: 'failed', text: 'Some' })
    expect(store.error.value).toMatchObject({ code: 'internal_server_error', status: 500 })
  })

  it('reports a stream that closes before its end as cut off', async () => {
    const { store, started } = setup('completion')
    const running = store.run()
    const live = await started()
    live.push({ event: 'message', task_id: 't', message_id: 'm', answer: 'Cut' })
    live.close()
    await running
    expect(store.error.value?.code).toBe('stream_broken')
    expect(store.results.value[0]?.run.value.status).toBe('stopped')
  })

  it('reports a refused request (rate limit) and leaves no run going', async () => {
    const { api, store } = setup('completion')
    vi.mocked(api.run).mockRejectedValueOnce({ code: 'rate_limited', status: 429, message: '' })
    await store.run()
    expect(store.error.value?.code).toBe('rate_limited')
    expect(store.busy.value).toBe(false)
  })
})

describe('createGeneratorStore: workflow', () => {
  it('folds nodes and text, remembers the run id, and ends with the outputs', async () => {
    const { store, lastRun, started } = setup('workflow')
    const running = store.run()
    const live = await started()
    live.push(
      { event: 'workflow_started', ...WF, data: { id: 'run-1' } },
      node('node_started', 'start'),
      node('node_finished', 'start', { status: 'succeeded' }),
      node('node_started', 'llm'),
      { event: 'text_chunk', ...WF, data: { text: 'Hi' } },
    )
    await vi.waitFor(() => expect(store.workflow.value?.text).toBe('Hi'))
    expect(lastRun.value).toBe('run-1')
    expect(store.workflow.value?.nodes.map((n) => [n.nodeId, n.status])).toEqual([
      ['start', 'succeeded'],
      ['llm', 'running'],
    ])
    live.push(node('node_finished', 'llm', { status: 'succeeded' }), {
      event: 'workflow_finished',
      ...WF,
      data: { status: 'succeeded', outputs: { text: 'Hi' }, total_steps: '2', elapsed_time: 1.5 },
    })
    live.close()
    await running
    expect(store.workflow.value).toMatchObject({
      status: 'succeeded',
      outputs: { text: 'Hi' },
      totalSteps: 2,
      elapsedTime: 1.5,
    })
  })

  it('Stop marks the running nodes stopped when Dify ends the run without finishing them', async () => {
    const { api, store, started } = setup('workflow')
    const running = store.run()
    const live = await started()
    live.push(
      { event: 'workflow_started', ...WF, data: { id: 'run-1' } },
      node('node_started', 'llm'),
    )
    await vi.waitFor(() => expect(store.workflow.value?.nodes).toHaveLength(1))
    store.stop()
    expect(api.stop).toHaveBeenCalledWith('task-1')
    live.push({ event: 'workflow_finished', ...WF, data: { status: 'stopped', outputs: null } })
    live.close()
    await running
    expect(store.workflow.value?.status).toBe('stopped')
    expect(store.workflow.value?.nodes[0]?.status).toBe('stopped')
  })

  it('brings the last run back after a reload, from its detail', async () => {
    const { api, store, lastRun } = setup('workflow')
    lastRun.value = 'run-7'
    vi.mocked(api.runDetail).mockResolvedValueOnce({
      id: 'run-7',
      status: 'succeeded',
      outputs: { text: 'Back' },
      inputs: '{"topic":"tea"}',
      total_steps: '4',
    })
    await store.restore()
    expect(api.runDetail).toHaveBeenCalledWith('run-7')
    expect(store.workflow.value).toMatchObject({ runId: 'run-7', text: 'Back', totalSteps: 4 })
    expect(store.restored.value).toBe(true)
  })

  it('forgets a last run the server no longer has for this visitor', async () => {
    const { api, store, lastRun } = setup('workflow')
    lastRun.value = 'run-gone'
    vi.mocked(api.runDetail).mockRejectedValueOnce({
      code: 'run_not_found',
      status: 404,
      message: '',
    })
    await store.restore()
    expect(store.workflow.value).toBeNull()
    expect(lastRun.value).toBeNull()
  })
})
