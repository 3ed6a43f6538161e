import { describe, expect, it } from 'vitest'
import { relayDifyStream } from './relay-stream.ts'

const OPTIONS = { idleTimeoutMs: 5_000, keepAliveMs: 5_000, maxRecordBytes: 100_000 }

async function relayed(events: object[], difyOrigin?: string) {
  const body = events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')
  const upstream = new Response(body).body!
  const text = await new Response(
    relayDifyStream(upstream, { ...OPTIONS, ...(difyOrigin ? { difyOrigin } : {}) }),
  ).text()
  return text
    .split('\n\n')
    .filter((record) => record.startsWith('data: '))
    .map((record) => JSON.parse(record.slice(6)) as Record<string, unknown>)
}

const file = (url: string) => ({ event: 'message_file', id: 'f-1', type: 'image', url })

describe('relay: message_file URLs', () => {
  it('makes a relative URL absolute against Dify’s origin and drops a non-http(s) one', async () => {
    const events = await relayed(
      [
        file('/files/tools/f-1.png?sign=s'),
        file('javascript:alert(1)'),
        { event: 'message_end', id: 'm' },
      ],
      'http://dify.example',
    )
    expect(events).toEqual([
      {
        event: 'message_file',
        id: 'f-1',
        type: 'image',
        url: 'http://dify.example/files/tools/f-1.png?sign=s',
      },
      { event: 'message_end', id: 'm' },
    ])
  })

  it('leaves URLs alone without an origin (the in-process demo bot)', async () => {
    const url = 'data:image/svg+xml;base64,PHN2Zy8+'
    expect(await relayed([file(url)])).toEqual([file(url)])
  })
})
