/**
 * The relay's fast path for the records that make up almost all of a streamed answer: a `message`
 * or `agent_message` event (docs/dify-wire.md#message) is trimmed to the fields toBrowserEvent keeps by
 * copying their `"key":value` bytes, without decoding the record or building objects. The scan
 * validates the whole record as JSON (strings, escapes, UTF-8, numbers, nesting), so nothing
 * reaches the browser that JSON.parse would refuse; anything unusual returns false and the
 * caller takes the general path (parse, toBrowserEvent, stringify), which decides as before.
 */

/** Where the kept fields lie in the record: byte offsets [start, end) of each `"key":value`. */
export interface TrimmedMessage {
  /** Pairs of offsets, `count` of them used. */
  spans: Int32Array
  count: number
  /** Offsets [start, end) of the raw JSON values, -1 when the record lacks the field. */
  conversationId: [number, number]
  messageId: [number, number]
  taskId: [number, number]
}

/** The fields toBrowserEvent keeps of a message event, by the bit that marks each one seen. */
const KEPT: ReadonlyArray<readonly [string, number]> = [
  ['event', 1],
  ['conversation_id', 2],
  ['message_id', 4],
  ['created_at', 8],
  ['task_id', 16],
  ['id', 32],
  ['answer', 64],
]
const EVENT = 1
const CONVERSATION_ID = 2
const MESSAGE_ID = 4
const TASK_ID = 16
/** A field that sends the record down the general path. */
const BAIL = -1
const SKIP = 0
const KEYS: ReadonlyArray<readonly [number[], number]> = [
  ...KEPT,
  // `status` can turn any record into an error and `data` gets trimmed (browser-event.ts).
  ['status', BAIL] as const,
  ['data', BAIL] as const,
].map(([name, id]) => [[...`"${name}"`].map((char) => char.charCodeAt(0)), id])
/** KEYS by the length of their quoted name, so most fields are told apart by length alone. */
const KEYS_BY_LENGTH: Array<Array<readonly [number[], number]> | undefined> = []
for (const key of KEYS) (KEYS_BY_LENGTH[key[0].length] ??= []).push(key)

const MAX_DEPTH = 64
/** Beyond this a number may not survive JSON.parse + JSON.stringify unchanged (1e999 → null). */
const MAX_NUMBER_CHARS = 15

export function createTrimmedMessage(): TrimmedMessage {
  return {
    spans: new Int32Array(2 * KEPT.length),
    count: 0,
    conversationId: [-1, -1],
    messageId: [-1, -1],
    taskId: [-1, -1],
  }
}

const QUOTE = 0x22
const BACKSLASH = 0x5c

/**
 * Fills `out` for a record that is a JSON object with `"event":"message"` or
 * `"event":"agent_message"`, each kept field at most once, and no `status` or `data`. Returns
 * false for anything else.
 */
export function trimMessageRecord(bytes: Uint8Array, out: TrimmedMessage): boolean {
  out.count = 0
  out.conversationId[0] = out.messageId[0] = out.taskId[0] = -1
  let isMessage = false
  let seen = 0
  let at = skipSpace(bytes, 0)
  if (bytes[at] !== 0x7b) return false
  at = skipSpace(bytes, at + 1)
  if (bytes[at] === 0x7d) return false
  for (;;) {
    const keyStart = at
    if (bytes[at] !== QUOTE) return false
    const keyEnd = scanString(bytes, at)
    if (keyEnd < 0) return false
    const key = keyOf(bytes, keyStart, keyEnd)
    at = skipSpace(bytes, keyEnd)
    if (bytes[at] !== 0x3a) return false
    const valueStart = skipSpace(bytes, at + 1)
    const valueEnd = scanValue(bytes, valueStart, 0)
    if (valueEnd < 0 || key === BAIL || (seen & key) !== 0) return false
    if (key !== SKIP) {
      seen |= key
      out.spans[2 * out.count] = keyStart
      out.spans[2 * out.count + 1] = valueEnd
      out.count++
      if (key === EVENT) isMessage = isMessageEvent(bytes, valueStart, valueEnd)
      else if (key === CONVERSATION_ID) setRange(out.conversationId, valueStart, valueEnd)
      else if (key === MESSAGE_ID) setRange(out.messageId, valueStart, valueEnd)
      else if (key === TASK_ID) setRange(out.taskId, valueStart, valueEnd)
    }
    at = skipSpace(bytes, valueEnd)
    if (bytes[at] === 0x2c) {
      at = skipSpace(bytes, at + 1)
      continue
    }
    if (bytes[at] !== 0x7d) return false
    return isMessage && skipSpace(bytes, at + 1) === bytes.length
  }
}

function setRange(range: [number, number], start: number, end: number) {
  range[0] = start
  range[1] = end
}

/** A kept field's bit, SKIP, or BAIL (also for an escaped key, which might spell any name). */
function keyOf(bytes: Uint8Array, start: number, end: number): number {
  for (let i = start + 1; i < end - 1; i++) if (bytes[i] === BACKSLASH) return BAIL
  const candidates = KEYS_BY_LENGTH[end - start]
  if (candidates)
    for (const [name, id] of candidates) if (matches(bytes, start, end, name)) return id
  return SKIP
}

const MESSAGE = [...'"message"'].map((char) => char.charCodeAt(0))
const AGENT_MESSAGE = [...'"agent_message"'].map((char) => char.charCodeAt(0))

function isMessageEvent(bytes: Uint8Array, start: number, end: number): boolean {
  return matches(bytes, start, end, MESSAGE) || matches(bytes, start, end, AGENT_MESSAGE)
}

function matches(bytes: Uint8Array, start: number, end: number, expected: number[]): boolean {
  if (end - start !== expected.length) return false
  for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false
  return true
}

function skipSpace(bytes: Uint8Array, at: number): number {
  for (;;) {
    const byte = bytes[at]
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return at
    at++
  }
}

/** The offset just past one JSON value starting at `at`, or -1 when it is not valid JSON. */
function scanValue(bytes: Uint8Array, at: number, depth: number): number {
  const byte = bytes[at]
  if (byte === QUOTE) return scanString(bytes, at)
  if (byte === 0x7b || byte === 0x5b) return depth < MAX_DEPTH ? scanNested(bytes, at, depth) : -1
  if (byte === 0x74) return literal(bytes, at, 'true')
  if (byte === 0x66) return literal(bytes, at, 'false')
  if (byte === 0x6e) return literal(bytes, at, 'null')
  return scanNumber(bytes, at)
}

function scanNested(bytes: Uint8Array, at: number, depth: number): number {
  const isObject = bytes[at] === 0x7b
  const close = isObject ? 0x7d : 0x5d
  at = skipSpace(bytes, at + 1)
  if (bytes[at] === close) return at + 1
  for (;;) {
    if (isObject) {
      if (bytes[at] !== QUOTE) return -1
      at = scanString(bytes, at)
      if (at < 0) return -1
      at = skipSpace(bytes, at)
      if (bytes[at] !== 0x3a) return -1
      at = skipSpace(bytes, at + 1)
    }
    at = scanValue(bytes, at, depth + 1)
    if (at < 0) return -1
    at = skipSpace(bytes, at)
    if (bytes[at] === close) return at + 1
    if (bytes[at] !== 0x2c) return -1
    at = skipSpace(bytes, at + 1)
  }
}

function literal(bytes: Uint8Array, at: number, word: string): number {
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word.charCodeAt(i)) return -1
  return at + word.length
}

/** RFC 8259 §6, short enough to come back from JSON.parse + JSON.stringify unchanged. */
function scanNumber(bytes: Uint8Array, at: number): number {
  const start = at
  if (bytes[at] === 0x2d) at++
  if (bytes[at] === 0x30) at++
  else if (isDigit(bytes[at])) while (isDigit(bytes[at])) at++
  else return -1
  if (bytes[at] === 0x2e) {
    at++
    if (!isDigit(bytes[at])) return -1
    while (isDigit(bytes[at])) at++
  }
  // An exponent can overflow to Infinity, which JSON.stringify writes as null: general path.
  if (bytes[at] === 0x65 || bytes[at] === 0x45) return -1
  return at - start > MAX_NUMBER_CHARS ? -1 : at
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39
}

/** What a byte means inside a JSON string. */
const PLAIN = 0
const END = 1
const ESCAPE = 2
const INVALID = 3
const MULTI_BYTE = 4
const STRING_BYTES = Uint8Array.from({ length: 256 }, (_, byte) =>
  byte === QUOTE
    ? END
    : byte === BACKSLASH
      ? ESCAPE
      : byte < 0x20
        ? INVALID
        : byte >= 0x80
          ? MULTI_BYTE
          : PLAIN,
)
const ESCAPES = new Set([...'"\\/bfnrt'].map((char) => char.charCodeAt(0)))

/**
 * The offset just past a JSON string opening at `at`, or -1: a control character, a bad escape,
 * or bytes that are not UTF-8 (the general path decodes those to U+FFFD; copying them would not).
 */
function scanString(bytes: Uint8Array, at: number): number {
  const length = bytes.length
  at++
  while (at < length) {
    const kind = STRING_BYTES[bytes[at]!]
    if (kind === PLAIN) {
      at++
    } else if (kind === END) {
      return at + 1
    } else if (kind === ESCAPE) {
      const escaped = bytes[at + 1]
      if (escaped === 0x75) {
        for (let i = 2; i < 6; i++) if (!isHex(bytes[at + i])) return -1
        at += 6
      } else if (escaped !== undefined && ESCAPES.has(escaped)) {
        at += 2
      } else {
        return -1
      }
    } else if (kind === MULTI_BYTE) {
      at = scanUtf8(bytes, at)
      if (at < 0) return -1
    } else {
      return -1
    }
  }
  return -1
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x46) ||
      (byte >= 0x61 && byte <= 0x66))
  )
}

/** One well-formed UTF-8 sequence (Unicode §3.9, table 3-7): the offset after it, or -1. */
function scanUtf8(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!
  let length: number
  let low = 0x80
  let high = 0xbf
  if (lead >= 0xc2 && lead <= 0xdf) length = 2
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3
    if (lead === 0xe0) low = 0xa0
    else if (lead === 0xed) high = 0x9f
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4
    if (lead === 0xf0) low = 0x90
    else if (lead === 0xf4) high = 0x8f
  } else return -1
  const second = bytes[at + 1]
  if (second === undefined || second < low || second > high) return -1
  for (let i = 2; i < length; i++) {
    const next = bytes[at + i]
    if (next === undefined || next < 0x80 || next > 0xbf) return -1
  }
  return at + length
}
