import { describe, expect, it } from 'vitest'
import { createSseDataReader } from './sse-data-reader.ts'

const bytesOf = (text: string) => new TextEncoder().encode(text)
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

function read(chunks: Uint8Array[], maxRecordBytes = 1_000) {
  const records: string[] = []
  let tooLarge = 0
  const reader = createSseDataReader({
    maxRecordBytes,
    onData: (data) => records.push(decoder.decode(data)),
    onTooLarge: () => tooLarge++,
  })
  for (const chunk of chunks) reader.feed(chunk)
  reader.end()
  return { records, tooLarge }
}

describe('createSseDataReader', () => {
  it('reads records ended by LF, CRLF or CR alone, mixed in one stream', () => {
    const { records } = read([bytesOf('data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d\n\r\n')])
    expect(records).toEqual(['a', 'b', 'c', 'd'])
  })

  it('treats a CR at the end of one chunk and an LF opening the next as one line end', () => {
    const { records } = read([bytesOf('data: a\r'), bytesOf('\ndata: b\r\n\r'), bytesOf('\n')])
    expect(records).toEqual(['a\nb'])
  })

  it('joins data lines with LF, takes "data" without a colon as an empty line', () => {
    const { records } = read([bytesOf('data: one\ndata:two\ndata\ndata:  three\n\n')])
    expect(records).toEqual(['one\ntwo\n\n three'])
  })

  it('skips other fields, comments and records without data (Dify pings)', () => {
    const wire = 'event: ping\n\n: comment\n\ndatabase: x\nid: 1\nretry: 5\ndata: kept\n\n'
    expect(read([bytesOf(wire)]).records).toEqual(['kept'])
  })

  it('strips a byte order mark before the first line only', () => {
    const bom = '\uFEFF'
    expect(read([bytesOf(`${bom}data: a\n\ndata: ${bom}b\n\n`)]).records).toEqual(['a', `${bom}b`])
  })

  it('keeps bytes it must wait for even when the caller reuses its buffer (Node pools)', () => {
    const records: string[] = []
    const reader = createSseDataReader({
      maxRecordBytes: 100,
      onData: (data) => records.push(decoder.decode(data)),
      onTooLarge: () => {},
    })
    const chunk = Buffer.from('data: first\ndata: sec')
    reader.feed(chunk)
    chunk.fill(0x78)
    const tail = Buffer.from('ond\n\n')
    reader.feed(tail)
    expect(records).toEqual(['first\nsecond'])
  })

  it('relays the last record when the stream ends without a blank line', () => {
    expect(read([bytesOf('data: a\n\ndata: b')]).records).toEqual(['a', 'b'])
  })

  it('stops once at a record or an unfinished line over the limit, and reads nothing more', () => {
    expect(read([bytesOf(`data: ${'x'.repeat(20)}\n\ndata: after\n\n`)], 10)).toEqual({
      records: [],
      tooLarge: 1,
    })
    const line = Array.from({ length: 5 }, () => bytesOf('y'.repeat(5)))
    expect(read([...line, bytesOf('\n\ndata: after\n\n')], 10)).toEqual({
      records: [],
      tooLarge: 1,
    })
    expect(read([bytesOf('data: 12345\ndata: 67890\n\n')], 10).tooLarge).toBe(1)
  })
})
