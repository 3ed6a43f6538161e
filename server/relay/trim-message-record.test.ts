import { describe, expect, it } from 'vitest'
import { pythonJsonDumps } from '../testing/python-json.ts'
import { toBrowserEvent } from './browser-event.ts'
import { createRelayCore } from './relay-core.ts'
import { createTrimmedMessage, trimMessageRecord } from './trim-message-record.ts'

const encoder = new TextEncoder()
const ids = {
  conversation_id: '45701982-8118-4bc5-8e9b-64562b4555f2',
  message_id: '9da23599-e713-473b-982c-4328d4f5c78a',
  created_at: 1718000000,
  task_id: 'c3800678-a077-43df-a102-53f23ed20b88',
}
const message = (fields: Record<string, unknown>) =>
  JSON.stringify({ event: 'message', ...ids, id: ids.message_id, ...fields })

/** What the relay core sends the browser for one record, parsed. */
function relayed(record: Uint8Array | string): unknown[] {
  const bytes = typeof record === 'string' ? encoder.encode(record) : record
  let text = ''
  const core = createRelayCore(
    { idleTimeoutMs: 5_000, keepAliveMs: 5_000, maxRecordBytes: 100_000 },
    {
      write: (output) => (text += new TextDecoder().decode(output)),
      close() {},
      abort() {},
      stopUpstream() {},
      browserBehind: () => false,
    },
  )
  core.push(encoder.encode('data: '))
  core.push(bytes)
  core.push(encoder.encode('\n\n'))
  core.end()
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line.slice('data: '.length)))
}

/** What the general path (parse, toBrowserEvent, stringify) gives the browser for the record. */
function general(record: string): unknown[] {
  try {
    const event = toBrowserEvent(JSON.parse(record))
    return event ? [JSON.parse(JSON.stringify(event))] : []
  } catch {
    return []
  }
}

const fast = (record: Uint8Array | string) =>
  trimMessageRecord(
    typeof record === 'string' ? encoder.encode(record) : record,
    createTrimmedMessage(),
  )

// Each takes the byte-copy path, and must come out exactly as the general path would have it.
const FAST: Array<[string, string]> = [
  ['a compact message', message({ answer: 'Hello' })],
  ['extra fields dropped', message({ answer: 'x', from_variable_selector: ['llm', 'text'] })],
  [
    'nested extras of every JSON type',
    message({ answer: 'x', meta: { a: [1, -2.5, true, null, { b: '' }] } }),
  ],
  ['an agent message', JSON.stringify({ event: 'agent_message', ...ids, answer: 'Thinking' })],
  ['fields in any order', JSON.stringify({ answer: 'late event', ...ids, event: 'message' })],
  [
    'CJK, emoji, U+2028 and escapes',
    message({ answer: '안녕 こんにちは 😀👍🏽 \u2028 "q" \\ \n\t\u0001' }),
  ],
  ['a lone surrogate escape', '{"event":"message","answer":"\\ud83d alone"}'],
  ['Python json.dumps framing', pythonJsonDumps({ event: 'message', ...ids, answer: '날씨 🌦️' })],
  ['spaces and tabs between tokens', ' {  "event" :\t"message" , "answer":"a" }\t'],
  ['no ids at all', '{"event":"message","answer":"bare"}'],
]

// Each must leave the fast path; the general path then decides (relay or drop) as before.
const GENERAL: Array<[string, string | Uint8Array]> = [
  ['another event type', JSON.stringify({ event: 'message_end', ...ids, id: 'm' })],
  ['a status, which can make it an error', message({ answer: 'x', status: 500, code: 'boom' })],
  ['a data object, which is trimmed', message({ answer: 'x', data: { inputs: { secret: 1 } } })],
  ['the event field twice', '{"event":"message","answer":"a","event":"node_started"}'],
  ['a kept field twice', '{"event":"message","answer":"a","answer":"b"}'],
  ['an escaped key', '{"event":"message","\\u0061nswer":"a"}'],
  ['an escaped event name', '{"event":"m\\u0065ssage","answer":"a"}'],
  ['an unterminated string', '{"event":"message","answer":"a}'],
  ['a bad escape', '{"event":"message","answer":"\\x41"}'],
  ['a short unicode escape', '{"event":"message","answer":"\\u12"}'],
  ['a raw control character', '{"event":"message","answer":"a\u0001b"}'],
  ['a trailing comma', '{"event":"message","answer":"a",}'],
  ['garbage after the object', '{"event":"message","answer":"a"} x'],
  ['a leading zero', '{"event":"message","answer":"a","n":012}'],
  ['an exponent that overflows', '{"event":"message","answer":"a","created_at":1e999}'],
  ['a bare word', '{"event":"message","answer":"a","x":nul}'],
  ['an array', '[{"event":"message"}]'],
  ['an empty object', '{}'],
  ['deep nesting', `{"event":"message","x":${'['.repeat(100)}${']'.repeat(100)}}`],
  [
    'bytes that are not UTF-8',
    Uint8Array.from([...encoder.encode('{"event":"message","answer":"'), 0xc3, 0x28, 0x22, 0x7d]),
  ],
  [
    'an overlong UTF-8 sequence',
    Uint8Array.from([
      ...encoder.encode('{"event":"message","answer":"'),
      0xe0,
      0x80,
      0xaf,
      0x22,
      0x7d,
    ]),
  ],
  [
    'a UTF-8 surrogate',
    Uint8Array.from([
      ...encoder.encode('{"event":"message","answer":"'),
      0xed,
      0xa0,
      0x80,
      0x22,
      0x7d,
    ]),
  ],
]

describe('trimMessageRecord', () => {
  for (const [name, record] of FAST) {
    it(`copies ${name}, exactly as the general path relays it`, () => {
      expect(fast(record)).toBe(true)
      expect(relayed(record)).toEqual(general(record))
      expect(relayed(record)).toHaveLength(1)
    })
  }

  for (const [name, record] of GENERAL) {
    it(`leaves ${name} to the general path`, () => {
      expect(fast(record)).toBe(false)
      const text = typeof record === 'string' ? record : new TextDecoder().decode(record)
      expect(relayed(record)).toEqual(general(text))
    })
  }

  it('turns a message with status >= 400 into an error, as browser-event.ts says', () => {
    expect(relayed(message({ answer: 'x', status: 500, code: 'boom', message: 'bad' }))).toEqual([
      { event: 'error', ...ids, code: 'boom', status: 500, message: 'bad' },
    ])
  })

  it('points at the ids of the record, for the synthetic error events', () => {
    const bytes = encoder.encode(message({ answer: 'x' }))
    const out = createTrimmedMessage()
    expect(trimMessageRecord(bytes, out)).toBe(true)
    const text = (range: [number, number]) => new TextDecoder().decode(bytes.subarray(...range))
    expect(text(out.conversationId)).toBe(JSON.stringify(ids.conversation_id))
    expect(text(out.messageId)).toBe(JSON.stringify(ids.message_id))
    expect(text(out.taskId)).toBe(JSON.stringify(ids.task_id))
  })
})
