import { describe, expect, it } from 'vitest'
import type { DifyStreamEvent } from '../../contract/dify-wire.ts'
import { readTalkStream } from './read-talk-stream.ts'

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk)
      controller.close()
    },
  })
}

async function collect(chunks: Uint8Array[]): Promise<DifyStreamEvent[]> {
  const events: DifyStreamEvent[] = []
  await readTalkStream(streamOf(chunks), (event) => events.push(event))
  return events
}

const RECORDS = [
  'data: {"event":"message","conversation_id":"c1","task_id":"t1","id":"m1","answer":"안녕"}\n\n',
  ': keep-alive\n\n',
  'data: {"event":"message","conversation_id":"c1","task_id":"t1","id":"m1","answer":"하세요 🌸"}\n\n',
  'data: {"event":"message_end","conversation_id":"c1","task_id":"t1","id":"m1"}\n\n',
].join('')

describe('readTalkStream', () => {
  it('yields the same events however the bytes are split, UTF-8 characters included', async () => {
    const bytes = new TextEncoder().encode(RECORDS)
    const whole = await collect([bytes])
    expect(whole.map((event) => event.event)).toEqual(['message', 'message', 'message_end'])
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await collect([bytes.slice(0, cut), bytes.slice(cut)])).toEqual(whole)
    }
    const singleBytes = Array.from(bytes, (byte) => Uint8Array.of(byte))
    expect(await collect(singleBytes)).toEqual(whole)
  })

  it('treats an object with status >= 400 or without an event as an error', async () => {
    const events = await collect([
      new TextEncoder().encode(
        'data: {"event":"message","status":500,"code":"boom","message":"x"}\n\n' +
          'data: {"code":"odd","message":"no event"}\n\n',
      ),
    ])
    expect(events).toEqual([
      { event: 'error', code: 'boom', status: 500, message: 'x' },
      { event: 'error', code: 'odd', status: 500, message: 'no event' },
    ])
  })

  it('skips records that are not JSON and reads a final record without a blank line', async () => {
    const events = await collect([
      new TextEncoder().encode('data: {oops\n\ndata: {"event":"message_end","id":"m"}'),
    ])
    expect(events).toEqual([{ event: 'message_end', id: 'm' }])
  })
})

describe('readTalkStream: SSE framing', () => {
  const texts = (...chunks: string[]) => chunks.map((chunk) => new TextEncoder().encode(chunk))

  it('takes CRLF and CR line ends, a CRLF split between chunks included', async () => {
    const crlf = 'data: {"event":"message","id":"m","answer":"a"}\r\n\r\n'
    const cr = 'data: {"event":"message_end","id":"m"}\r\r'
    const whole = await collect(texts(crlf + cr))
    expect(whole).toEqual([
      { event: 'message', id: 'm', answer: 'a' },
      { event: 'message_end', id: 'm' },
    ])
    for (let cut = 1; cut < crlf.length + cr.length; cut++) {
      const text = crlf + cr
      expect(await collect(texts(text.slice(0, cut), text.slice(cut)))).toEqual(whole)
    }
  })

  it('joins data lines of one record, ignores other fields and comments', async () => {
    const events = await collect(
      texts(
        ': hello\nevent: message\nid: 7\nretry: 10\ndata: {"event":"message",\ndata:"id":"m"}\n\n',
      ),
    )
    expect(events).toEqual([{ event: 'message', id: 'm' }])
  })
})

describe('readTalkStream: limits', () => {
  it('refuses a line longer than it will buffer, and stops reading', async () => {
    let pulls = 0
    const huge = new TextEncoder().encode('data: "' + 'x'.repeat(500_000))
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1
        controller.enqueue(huge)
      },
    })
    await expect(readTalkStream(body, () => {})).rejects.toMatchObject({
      code: 'upstream_record_too_large',
    })
    expect(pulls).toBeLessThan(10)
  })

  it('stops at an abort, with the events read so far delivered', async () => {
    const controller = new AbortController()
    const events: DifyStreamEvent[] = []
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(
          new TextEncoder().encode('data: {"event":"message","id":"m","answer":"a"}\n\n'),
        )
        controller.signal.addEventListener('abort', () => stream.error(controller.signal.reason))
      },
    })
    const reading = readTalkStream(body, (event) => {
      events.push(event)
      controller.abort()
    })
    await expect(reading).rejects.toThrow()
    expect(events).toEqual([{ event: 'message', id: 'm', answer: 'a' }])
  })
})
