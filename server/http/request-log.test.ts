import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../app-env.ts'
import { requestLog, type RequestLogEntry } from './request-log.ts'

function appWithLog() {
  const entries: RequestLogEntry[] = []
  const app = new Hono<AppEnv>()
  app.use(requestLog({ write: (entry) => entries.push(entry) }))
  app.get('/:id/api/messages/:mid', (c) => c.json({ ok: true }))
  app.get('/stream', () => {
    const encoder = new TextEncoder()
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === 3) return controller.close()
        controller.enqueue(encoder.encode('data: {}\n\n'))
      },
    })
    return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })
  })
  return { app, entries }
}

describe('requestLog', () => {
  it('logs the route pattern, status and bytes, never the path values or query', async () => {
    const { app, entries } = appWithLog()
    const response = await app.request('/pink/api/messages/secret-id?q=private+words')
    expect(await response.text()).toBe('{"ok":true}')
    expect(entries).toEqual([
      expect.objectContaining({
        method: 'GET',
        route: '/:id/api/messages/:mid',
        status: 200,
        upstream_status: null,
        bytes: 11,
        outcome: 'complete',
      }),
    ])
    expect(JSON.stringify(entries)).not.toMatch(/secret-id|private|words/)
  })

  it('gives each response a fresh X-Request-Id, or keeps a well-formed incoming one', async () => {
    const { app, entries } = appWithLog()
    const fresh = await app.request('/stream')
    const id = fresh.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f]{16}$/)
    const kept = await app.request('/stream', { headers: { 'X-Request-Id': 'lb-4f2a9c81-east' } })
    expect(kept.headers.get('x-request-id')).toBe('lb-4f2a9c81-east')
    for (const hostile of [
      'short',
      'x'.repeat(65),
      'a b c d e f g h',
      '<script>alert(1)</script>',
    ]) {
      const replaced = await app.request('/stream', { headers: { 'X-Request-Id': hostile } })
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/)
    }
    await Promise.all([fresh.text(), kept.text()])
    expect(entries.map((entry) => entry.request_id).slice(0, 2)).toEqual([id, 'lb-4f2a9c81-east'])
  })

  it('logs a stream once it ends, with all its bytes; a client that leaves is "aborted"', async () => {
    const { app, entries } = appWithLog()
    const whole = await app.request('/stream')
    expect(entries).toHaveLength(0) // not before the stream has been sent
    expect(await whole.text()).toBe('data: {}\n\n'.repeat(3))
    expect(entries[0]).toMatchObject({ route: '/stream', bytes: 30, outcome: 'complete' })

    const left = await app.request('/stream')
    const reader = left.body!.getReader()
    await reader.read()
    await reader.cancel()
    expect(entries[1]).toMatchObject({ bytes: 10, outcome: 'aborted' })
  })
})
