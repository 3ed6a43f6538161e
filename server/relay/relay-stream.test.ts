import { describe, expect, it } from 'vitest'
import { pythonJsonDumps } from '../testing/python-json.ts'
import { relayDifyStream, type RelayOptions, type RelayOutcome } from './relay-stream.ts'

type Json = Record<string, unknown>

const encoder = new TextEncoder()
const bytesOf = (text: string) => encoder.encode(text)

const OPTIONS: RelayOptions = { idleTimeoutMs: 5_000, keepAliveMs: 5_000, maxRecordBytes: 100_000 }

// ---------------------------------------------------------------------------------------------
// Upstreams

interface Upstream {
  stream: ReadableStream<Uint8Array>
  /** The reason the relay cancelled the upstream with, or 'not cancelled'. */
  cancelled: () => unknown
}

/**
 * An upstream that hands out one chunk per read, then closes, breaks or goes silent. One chunk
 * per read means the relay sees exactly these chunk boundaries.
 */
function upstreamOf(
  chunks: Uint8Array[],
  ending: 'close' | 'error' | 'silence' = 'close',
): Upstream {
  let next = 0
  let cancelReason: unknown = 'not cancelled'
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[next++]
        if (chunk) controller.enqueue(chunk)
        else if (ending === 'close') controller.close()
        else if (ending === 'error')
          controller.error(new TypeError('terminated: other side closed'))
        // 'silence': the read stays pending, like a Dify that stopped writing.
      },
      cancel(reason) {
        cancelReason = reason
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, cancelled: () => cancelReason }
}

/** An upstream the test writes to by hand, to observe what the relay sends before the end. */
function manualUpstream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let cancelReason: unknown = 'not cancelled'
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
    cancel(reason) {
      cancelReason = reason
    },
  })
  return {
    stream,
    write: (text: string) => controller.enqueue(bytesOf(text)),
    close: () => controller.close(),
    cancelled: () => cancelReason,
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the relay back

interface Relayed {
  events: Json[]
  keepAlives: number
}

/**
 * Parses the relay's output strictly: it must be nothing but `data: <one-line JSON>\n\n` records
 * and `: keep-alive\n\n` comments.
 */
function parseRelayed(text: string): Relayed {
  const relayed: Relayed = { events: [], keepAlives: 0 }
  if (text === '') return relayed
  if (!text.endsWith('\n\n'))
    throw new Error(`relay output ends mid-record: ${JSON.stringify(text)}`)
  for (const record of text.slice(0, -2).split('\n\n')) {
    if (record === ': keep-alive') relayed.keepAlives++
    else if (/^data: [^\n\r]*$/.test(record))
      relayed.events.push(JSON.parse(record.slice(6)) as Json)
    else throw new Error(`not a relay record: ${JSON.stringify(record)}`)
  }
  return relayed
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder()
  const reader = stream.getReader()
  let text = ''
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    text += decoder.decode(read.value, { stream: true })
  }
  return text + decoder.decode()
}

async function relay(chunks: Uint8Array[], options: Partial<RelayOptions> = {}) {
  const outcomes: RelayOutcome[] = []
  const taskIds: string[] = []
  const upstream = upstreamOf(chunks)
  const text = await readAll(
    relayDifyStream(upstream.stream, {
      ...OPTIONS,
      ...options,
      onTaskId: (taskId) => taskIds.push(taskId),
      onFinish: (outcome) => outcomes.push(outcome),
    }),
  )
  return { ...parseRelayed(text), outcomes, taskIds, upstream }
}

/** Reads one chunk of the relay, failing if none comes within `ms`. */
async function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no relay output within ${ms} ms`)), ms)
  })
  try {
    const { value, done } = await Promise.race([reader.read(), timeout])
    return done ? null : new TextDecoder().decode(value)
  } finally {
    clearTimeout(timer)
  }
}

/** Deterministic PRNG (mulberry32), so a failing split can be reproduced. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), bytes.length]
  const chunks: Uint8Array[] = []
  for (let i = 1; i < points.length; i++) {
    const chunk = bytes.slice(points[i - 1], points[i])
    if (chunk.length > 0) chunks.push(chunk)
  }
  return chunks
}

// ---------------------------------------------------------------------------------------------
// A realistic Chatflow stream (docs/dify-wire.md#ordering) and what the browser must get from it

const env = {
  conversation_id: '45701982-8118-4bc5-8e9b-64562b4555f2',
  message_id: '9da23599-e713-473b-982c-4328d4f5c78a',
  created_at: 1718000000,
  task_id: 'c3800678-a077-43df-a102-53f23ed20b88',
}
const run = { workflow_run_id: 'fb47b4e0-0000-4000-8000-000000000001' }
const bigInputs = {
  'sys.query': '날씨 어때? 🌦️',
  'sys.user_id': 'chatskins:pink:3f0c2a9e',
  'sys.files': [],
  context: '長い文脈。'.repeat(40),
}
const step = {
  id: 'ne-2',
  node_id: 'llm',
  node_type: 'llm',
  title: 'LLM',
  index: 2,
  status: 'succeeded',
  error: null,
  elapsed_time: 1.25,
}

const difyEvents: Json[] = [
  {
    event: 'workflow_started',
    ...env,
    ...run,
    data: { id: 'fb47', workflow_id: 'wf', inputs: bigInputs },
  },
  {
    event: 'node_started',
    ...env,
    ...run,
    data: { id: 'ne-2', node_id: 'llm', node_type: 'llm', title: 'LLM', index: 2, inputs: null },
  },
  {
    event: 'message',
    ...env,
    id: env.message_id,
    answer: '안녕하세요',
    from_variable_selector: ['llm', 'text'],
  },
  {
    event: 'message',
    ...env,
    id: env.message_id,
    answer: '! 😀👍🏽 ',
    from_variable_selector: ['llm', 'text'],
  },
  { event: 'iteration_started', ...env, ...run, data: { id: 'it-1', node_id: 'loop' } },
  {
    event: 'message',
    ...env,
    id: env.message_id,
    answer: 'こんにちは、世界 🇯🇵\n\n- 한국어\u2028line',
    from_variable_selector: null,
  },
  {
    event: 'node_finished',
    ...env,
    ...run,
    data: {
      ...step,
      inputs: bigInputs,
      process_data: { prompts: ['系統提示'.repeat(20)] },
      outputs: { text: '출력 '.repeat(60) },
      execution_metadata: { total_tokens: 40 },
    },
  },
  {
    event: 'workflow_finished',
    ...env,
    ...run,
    data: { id: 'fb47', status: 'succeeded', outputs: { answer: '...' }, total_tokens: 40 },
  },
  {
    event: 'message_end',
    ...env,
    id: env.message_id,
    files: [],
    metadata: {
      usage: { total_tokens: 40, currency: 'USD' },
      retriever_resources: [
        {
          position: 1,
          dataset_id: 'ds',
          dataset_name: '핸드북',
          document_name: 'FAQ',
          segment_id: 's-1',
          score: 0.9,
          content: '내용 📚',
          index_node_hash: 'h',
        },
      ],
    },
  },
]

const expectedEvents: Json[] = [
  { event: 'workflow_started', ...env, ...run, data: { id: 'fb47' } },
  {
    event: 'node_started',
    ...env,
    ...run,
    data: { id: 'ne-2', node_id: 'llm', node_type: 'llm', title: 'LLM', index: 2 },
  },
  { event: 'message', ...env, id: env.message_id, answer: '안녕하세요' },
  { event: 'message', ...env, id: env.message_id, answer: '! 😀👍🏽 ' },
  {
    event: 'message',
    ...env,
    id: env.message_id,
    answer: 'こんにちは、世界 🇯🇵\n\n- 한국어\u2028line',
  },
  { event: 'node_finished', ...env, ...run, data: step },
  { event: 'workflow_finished', ...env, ...run, data: { id: 'fb47', status: 'succeeded' } },
  {
    event: 'message_end',
    ...env,
    id: env.message_id,
    files: [],
    metadata: {
      retriever_resources: [
        {
          position: 1,
          dataset_name: '핸드북',
          document_name: 'FAQ',
          segment_id: 's-1',
          score: 0.9,
          content: '내용 📚',
        },
      ],
    },
  },
]

/** The Dify stream as written on the wire: a leading ping, one more ping mid-way. */
function difyWire(newline = '\n', serialize: (event: Json) => string = JSON.stringify): string {
  const records = difyEvents.map((event) => `data: ${serialize(event)}${newline}${newline}`)
  records.splice(4, 0, `event: ping${newline}${newline}`)
  return `event: ping${newline}${newline}${records.join('')}`
}

describe('relayDifyStream: a realistic stream', () => {
  it('relays exactly the browser events, in order, and reports completion', async () => {
    const wire = bytesOf(difyWire())
    const result = await relay([wire])
    expect(result.events).toEqual(expectedEvents)
    expect(result.keepAlives).toBe(0)
    expect(result.outcomes).toEqual([{ reason: 'complete', events: 8, bytes: wire.length }])
  })

  it('reports the task id once, from the first relayed event', async () => {
    const { taskIds, events } = await relay([bytesOf(difyWire())])
    expect(taskIds).toEqual([env.task_id])
    expect(events.every((event) => event.task_id === env.task_id)).toBe(true)
  })

  it('gives the same output however the bytes are split in two', async () => {
    const wire = bytesOf(difyWire())
    for (let cut = 1; cut < wire.length; cut++) {
      const { events } = await relay(splitAt(wire, [cut]))
      if (!isEqual(events, expectedEvents))
        expect({ cut, events }).toEqual({ cut, events: expectedEvents })
    }
  })

  it('gives the same output for many random multi-way splits (seeded)', async () => {
    const wire = bytesOf(difyWire())
    const random = prng(20240611)
    for (let trial = 0; trial < 400; trial++) {
      const pieces = 2 + Math.floor(random() * 40)
      const cuts = Array.from(
        { length: pieces },
        () => 1 + Math.floor(random() * (wire.length - 1)),
      )
      const { events } = await relay(splitAt(wire, cuts))
      if (!isEqual(events, expectedEvents))
        expect({ cuts, events }).toEqual({ cuts, events: expectedEvents })
    }
  })

  it('gives the same output when every byte arrives alone', async () => {
    const wire = bytesOf(difyWire())
    const { events } = await relay(Array.from(wire, (byte) => Uint8Array.of(byte)))
    expect(events).toEqual(expectedEvents)
  })

  it('reads \\r\\n line endings, split anywhere, including between \\r and \\n', async () => {
    const wire = bytesOf(difyWire('\r\n'))
    expect((await relay([wire])).events).toEqual(expectedEvents)
    for (let cut = 1; cut < wire.length; cut++) {
      const { events } = await relay(splitAt(wire, [cut]))
      if (!isEqual(events, expectedEvents))
        expect({ cut, events }).toEqual({ cut, events: expectedEvents })
    }
  })

  it('reads the whole stream in classic json.dumps framing, split anywhere (seeded)', async () => {
    const text = difyWire('\n', pythonJsonDumps)
    expect(text).toContain('"answer": "\\uc548\\ub155')
    const wire = bytesOf(text)
    expect((await relay([wire])).events).toEqual(expectedEvents)
    const random = prng(7)
    for (let trial = 0; trial < 300; trial++) {
      const cuts = Array.from({ length: 1 + Math.floor(random() * 30) }, () =>
        Math.floor(random() * wire.length),
      )
      const { events } = await relay(splitAt(wire, cuts))
      if (!isEqual(events, expectedEvents))
        expect({ cuts, events }).toEqual({ cuts, events: expectedEvents })
    }
  })

  it('reads classic Python json.dumps framing (spaces, \\uXXXX escapes)', async () => {
    const wire =
      'data: {"event": "message", "conversation_id": "c", "message_id": "m", "created_at": 1, ' +
      '"task_id": "t", "id": "m", "answer": "\\uc548\\ub155 \\ud83d\\ude00"}\n\n' +
      'data: {"event": "message_end", "conversation_id": "c", "message_id": "m", "created_at": 1, ' +
      '"task_id": "t", "id": "m", "metadata": {"usage": {"total_tokens": 3}}, "files": null}\n\n'
    const { events } = await relay([bytesOf(wire)])
    expect(events).toEqual([
      {
        event: 'message',
        conversation_id: 'c',
        message_id: 'm',
        created_at: 1,
        task_id: 't',
        id: 'm',
        answer: '안녕 😀',
      },
      {
        event: 'message_end',
        conversation_id: 'c',
        message_id: 'm',
        created_at: 1,
        task_id: 't',
        id: 'm',
        metadata: {},
        files: null,
      },
    ])
  })
})

describe('relayDifyStream: odd upstream input', () => {
  const message = (answer: string) =>
    `data: ${JSON.stringify({ event: 'message', ...env, id: env.message_id, answer })}\n\n`

  it('drops garbage lines, comments and unknown fields, and keeps relaying after them', async () => {
    const wire =
      message('before') +
      ': a comment\n\nretry: 1000\nid: 7\nfoo: bar\n\n' +
      'data: {not json}\n\ndata: [1, 2]\n\ndata: "text"\n\ndata: null\n\ndata:\n\n' +
      'this line has no colon at all\n\n' +
      message('after')
    const { events } = await relay([bytesOf(wire)])
    expect(events.map((event) => event.answer)).toEqual(['before', 'after'])
  })

  it('drops unknown event types', async () => {
    const wire =
      `data: ${JSON.stringify({ event: 'text_chunk', ...env, data: { text: 'x' } })}\n\n` +
      `data: ${JSON.stringify({ event: 'agent_log', ...env, data: {} })}\n\n` +
      message('kept')
    const { events } = await relay([bytesOf(wire)])
    expect(events).toEqual([{ event: 'message', ...env, id: env.message_id, answer: 'kept' }])
  })

  // PASS_THROUGH_FIELDS is a plain object, so an event named like an Object.prototype member
  // finds an inherited function there and toBrowserEvent throws "fields is not iterable".
  it('drops an event named like an Object.prototype member and keeps relaying', async () => {
    const wire =
      message('before') +
      `data: ${JSON.stringify({ event: 'constructor', ...env })}\n\n` +
      message('after')
    const { events, outcomes } = await relay([bytesOf(wire)])
    expect(events.map((event) => event.answer)).toEqual(['before', 'after'])
    expect(outcomes.map((outcome) => outcome.reason)).toEqual(['complete'])
  })

  it('joins a record spread over several data: lines', async () => {
    const wire = `data: {"event":"message","id":"m",\ndata: "answer":"two lines"}\n\n`
    const { events } = await relay([bytesOf(wire)])
    expect(events).toEqual([{ event: 'message', id: 'm', answer: 'two lines' }])
  })

  it('relays a last record that the upstream closed without a blank line', async () => {
    const wire = message('one') + message('two').trimEnd()
    const { events, outcomes } = await relay([bytesOf(wire)])
    expect(events.map((event) => event.answer)).toEqual(['one', 'two'])
    expect(outcomes[0]?.reason).toBe('complete')
  })

  it('turns a data object with status >= 400 into an error event', async () => {
    const wire = `data: ${JSON.stringify({ code: 'invalid_param', status: 400, message: 'query is required' })}\n\n`
    const { events } = await relay([bytesOf(wire)])
    expect(events).toEqual([
      { event: 'error', code: 'invalid_param', status: 400, message: 'query is required' },
    ])
  })
})

describe('relayDifyStream: a broken, stalled or runaway upstream', () => {
  const record = (answer: string) =>
    bytesOf(`data: ${JSON.stringify({ event: 'message', ...env, id: env.message_id, answer })}\n\n`)

  it('ends with upstream_record_too_large when a record outgrows maxRecordBytes', async () => {
    const huge = bytesOf(`data: {"event":"message","answer":"${'x'.repeat(3_000)}"}\n\n`)
    const chunks = [record('fine'), ...splitAt(huge, [1_000, 2_000]), record('never')]
    const { events, outcomes, upstream } = await relay(chunks, { maxRecordBytes: 1_500 })
    expect(events).toEqual([
      { event: 'message', ...env, id: env.message_id, answer: 'fine' },
      {
        event: 'error',
        conversation_id: env.conversation_id,
        message_id: env.message_id,
        code: 'upstream_record_too_large',
        status: 502,
        message: 'The chat service sent a broken answer.',
      },
    ])
    expect(outcomes.map((outcome) => outcome.reason)).toEqual(['record_too_large'])
    expect(upstream.cancelled()).not.toBe('not cancelled')
  })

  it('ends with upstream_record_too_large for a garbage line that never ends', async () => {
    const chunks = Array.from({ length: 10 }, () => bytesOf('y'.repeat(500)))
    const { events } = await relay(chunks, { maxRecordBytes: 1_500 })
    expect(events.map((event) => event.code)).toEqual(['upstream_record_too_large'])
  })

  // A limit checked only on what a parser still buffers after a chunk would let a record over it
  // through when it arrives whole in one chunk: the outcome must not depend on chunking.
  it('refuses a record over maxRecordBytes even when it arrives in a single chunk', async () => {
    const huge = bytesOf(`data: {"event":"message","answer":"${'x'.repeat(3_000)}"}\n\n`)
    const { events } = await relay([huge], { maxRecordBytes: 1_500 })
    expect(events.map((event) => event.code ?? event.event)).toEqual(['upstream_record_too_large'])
  })

  it('ends with upstream_broken after the events that arrived before the connection broke', async () => {
    const upstream = upstreamOf(
      [record('one'), record('two'), bytesOf('data: {"event":"mess')],
      'error',
    )
    const outcomes: RelayOutcome[] = []
    const text = await readAll(
      relayDifyStream(upstream.stream, { ...OPTIONS, onFinish: (o) => outcomes.push(o) }),
    )
    expect(parseRelayed(text).events).toEqual([
      { event: 'message', ...env, id: env.message_id, answer: 'one' },
      { event: 'message', ...env, id: env.message_id, answer: 'two' },
      {
        event: 'error',
        conversation_id: env.conversation_id,
        message_id: env.message_id,
        code: 'upstream_broken',
        status: 502,
        message: 'The connection to the chat service broke.',
      },
    ])
    expect(outcomes.map((outcome) => outcome.reason)).toEqual(['upstream_broken'])
  })

  it('ends with upstream_broken, without ids, when the upstream breaks before any event', async () => {
    const { stream } = upstreamOf([], 'error')
    const { events } = parseRelayed(await readAll(relayDifyStream(stream, OPTIONS)))
    expect(events).toEqual([
      {
        event: 'error',
        code: 'upstream_broken',
        status: 502,
        message: 'The connection to the chat service broke.',
      },
    ])
  })

  it('sends keep-alive comments to a silent upstream, then ends with upstream_timeout', async () => {
    const upstream = upstreamOf([record('hello')], 'silence')
    const outcomes: RelayOutcome[] = []
    const started = Date.now()
    const text = await readAll(
      relayDifyStream(upstream.stream, {
        idleTimeoutMs: 150,
        keepAliveMs: 20,
        maxRecordBytes: 1_000,
        onFinish: (o) => outcomes.push(o),
      }),
    )
    const { events, keepAlives } = parseRelayed(text)
    expect(Date.now() - started).toBeGreaterThanOrEqual(145)
    expect(keepAlives).toBeGreaterThanOrEqual(2)
    expect(text.startsWith('data: ')).toBe(true)
    expect(events).toEqual([
      { event: 'message', ...env, id: env.message_id, answer: 'hello' },
      {
        event: 'error',
        conversation_id: env.conversation_id,
        message_id: env.message_id,
        code: 'upstream_timeout',
        status: 504,
        message: 'The chat service stopped answering.',
      },
    ])
    expect(outcomes.map((outcome) => outcome.reason)).toEqual(['idle_timeout'])
    expect(upstream.cancelled()).not.toBe('not cancelled')
  })

  it('ends a silent upstream at the idle limit even when that is shorter than the keep-alive', async () => {
    const upstream = upstreamOf([record('hello')], 'silence')
    const started = Date.now()
    const text = await readAll(
      relayDifyStream(upstream.stream, {
        idleTimeoutMs: 120,
        keepAliveMs: 5_000,
        maxRecordBytes: 1_000,
      }),
    )
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(parseRelayed(text).events.at(-1)).toMatchObject({ code: 'upstream_timeout' })
  })

  // Dify pings every 10 s while an LLM thinks; the relay swallows the pings and restarts its
  // keep-alive timer on every upstream chunk, so the browser (and any proxy in front) hears
  // nothing at all for as long as Dify keeps pinging faster than keepAliveMs.
  it('keeps the browser line alive while the upstream sends only its own pings', async () => {
    const upstream = manualUpstream()
    const reader = relayDifyStream(upstream.stream, {
      idleTimeoutMs: 5_000,
      keepAliveMs: 40,
      maxRecordBytes: 1_000,
    }).getReader()
    const pinger = setInterval(() => upstream.write('event: ping\n\n'), 10)
    try {
      expect(await readWithin(reader, 400)).toMatch(/^:[^\n]*\n\n$/)
    } finally {
      clearInterval(pinger)
      await reader.cancel()
    }
  })
})

describe('relayDifyStream: timing and the browser leaving', () => {
  it('does not take a browser that reads slowly for a silent upstream', async () => {
    const upstream = manualUpstream()
    const outcomes: RelayOutcome[] = []
    const relayed = relayDifyStream(upstream.stream, {
      idleTimeoutMs: 100,
      keepAliveMs: 20,
      maxRecordBytes: 1_000,
      onFinish: (o) => outcomes.push(o),
    })
    for (const answer of ['one', 'two', 'three'])
      upstream.write(
        `data: ${JSON.stringify({ event: 'message', ...env, id: env.message_id, answer })}\n\n`,
      )
    upstream.close()
    await new Promise((resolve) => setTimeout(resolve, 400))
    const { events } = parseRelayed(await readAll(relayed))
    expect(events.map((event) => event.answer ?? event.code)).toEqual(['one', 'two', 'three'])
    expect(outcomes.map((outcome) => outcome.reason)).toEqual(['complete'])
  })

  it('sends each event as soon as its record is complete, before the upstream ends', async () => {
    const upstream = manualUpstream()
    const reader = relayDifyStream(upstream.stream, OPTIONS).getReader()
    upstream.write('data: {"event":"message","id":"m","answer":"fir')
    upstream.write('st"}\n\n')
    expect(await readWithin(reader, 200)).toBe(
      'data: {"event":"message","id":"m","answer":"first"}\n\n',
    )
    upstream.write('data: {"event":"message","id":"m","answer":"second"}\n\n')
    expect(await readWithin(reader, 200)).toBe(
      'data: {"event":"message","id":"m","answer":"second"}\n\n',
    )
    upstream.close()
    expect(await readWithin(reader, 200)).toBeNull()
  })

  it('cancels the upstream and reports browser_closed when the browser goes away', async () => {
    const upstream = manualUpstream()
    const outcomes: RelayOutcome[] = []
    const reader = relayDifyStream(upstream.stream, {
      ...OPTIONS,
      onFinish: (o) => outcomes.push(o),
    }).getReader()
    upstream.write(
      `data: ${JSON.stringify({ event: 'message', ...env, id: 'm', answer: 'hi' })}\n\n`,
    )
    expect(await readWithin(reader, 200)).toContain('"answer":"hi"')

    const pending = reader.read()
    await reader.cancel('tab closed')
    expect(await pending).toEqual({ done: true, value: undefined })
    expect(upstream.cancelled()).toBe('tab closed')
    expect(outcomes).toEqual([{ reason: 'browser_closed', events: 1, bytes: expect.any(Number) }])
  })

  it('reports browser_closed when only the request signal says the browser left (Workers)', async () => {
    const upstream = manualUpstream()
    const outcomes: RelayOutcome[] = []
    const browser = new AbortController()
    const reader = relayDifyStream(
      upstream.stream,
      { ...OPTIONS, onFinish: (o) => outcomes.push(o) },
      browser.signal,
    ).getReader()
    upstream.write(
      `data: ${JSON.stringify({ event: 'message', ...env, id: 'm', answer: 'hi' })}\n\n`,
    )
    expect(await readWithin(reader, 200)).toContain('"answer":"hi"')

    browser.abort()
    await expect
      .poll(() => outcomes)
      .toEqual([{ reason: 'browser_closed', events: 1, bytes: expect.any(Number) }])
    expect(upstream.cancelled()).not.toBe('not cancelled')
  })
})

function isEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
