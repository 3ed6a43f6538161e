import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FirehoseDify {
  apiBase: string
  /** Each stop call Dify received: its task id and user, and when. */
  stops: Array<{ taskId: string; user: string; at: number }>
  /** Streams open now. */
  open(): number
  close(): Promise<void>
}

/**
 * A Dify whose every `/chat-messages` answer is an endless stream of 16 KB `message` events,
 * written as fast as the reader takes them (or paced): the large answer a slow or stalled browser
 * reads.
 * `POST /chat-messages/:task/stop` is answered as Dify does and recorded.
 */
export async function startFirehoseDify(
  options: {
    /** One event each this many ms, like a model writing, instead of as fast as read. */
    everyMs?: number
  } = {},
): Promise<FirehoseDify> {
  const stops: FirehoseDify['stops'] = []
  let open = 0
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    request.on('end', () => {
      const stop = /\/chat-messages\/([^/]+)\/stop$/.exec(request.url ?? '')
      if (stop) {
        const { user } = JSON.parse(body) as { user: string }
        stops.push({ taskId: stop[1]!, user, at: Date.now() })
        response.writeHead(200, { 'Content-Type': 'application/json' })
        return response.end('{"result": "success"}')
      }
      if (!/\/chat-messages$/.test(request.url ?? '')) {
        // A chat app, as `/info` says; nothing else of Dify is needed here.
        response.writeHead(200, { 'Content-Type': 'application/json' })
        return response.end(request.url?.endsWith('/info') ? '{"mode": "chat"}' : '{}')
      }
      open++
      response.on('close', () => open--)
      response.writeHead(200, { 'Content-Type': 'text/event-stream' })
      const event = `data: ${JSON.stringify({
        event: 'message',
        task_id: 'task-firehose',
        id: 'f1b3c0de-0000-4000-8000-000000000001',
        message_id: 'f1b3c0de-0000-4000-8000-000000000001',
        conversation_id: 'f1b3c0de-0000-4000-8000-000000000002',
        answer: 'x'.repeat(16 * 1024),
        created_at: 1,
      })}\n\n`
      if (options.everyMs) {
        const timer = setInterval(() => response.write(event), options.everyMs)
        response.on('close', () => clearInterval(timer))
        return
      }
      const pump = () => {
        while (!response.destroyed && response.write(event));
        if (!response.destroyed) response.once('drain', pump)
      }
      pump()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    apiBase: `http://127.0.0.1:${port}/v1`,
    stops,
    open: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
