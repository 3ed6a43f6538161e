import { randomUUID } from 'node:crypto'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** How the upstream answers one query (the query text names the plan). */
export interface AnswerPlan {
  chunks: readonly string[]
  /** 0 = write every record as fast as the connection takes them; else one record per N ms. */
  intervalMs: number
}

export interface AnswerUpstream {
  apiBase: string
  /** Events written for the last answer, to check a run really streamed what it should. */
  lastEventCount(): number
  close(): Promise<void>
}

/**
 * A tiny Dify stand-in for the render benchmark: `POST /v1/chat-messages` answers the plan named
 * by the query with Dify's framing (docs/dify-wire.md#stream-framing, #message): one `message` record per chunk, then
 * `message_end`, then the connection closes.
 */
export async function serveAnswerUpstream(
  plans: Record<string, AnswerPlan>,
): Promise<AnswerUpstream> {
  let lastCount = 0
  const server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (data: string) => (body += data))
    request.on('end', () => {
      let query = ''
      try {
        query = String((JSON.parse(body) as { query?: unknown }).query ?? '')
      } catch {
        // Not a chat message (e.g. /parameters, a stop call): answered 404 below.
      }
      const plan = plans[query]
      if (request.url !== '/v1/chat-messages' || !plan) {
        response.writeHead(404, { 'Content-Type': 'application/json' })
        response.end(JSON.stringify({ code: 'not_found', message: 'no plan', status: 404 }))
        return
      }
      void writeAnswer(response, plan).then((count) => (lastCount = count))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    apiBase: `http://127.0.0.1:${port}/v1`,
    lastEventCount: () => lastCount,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function writeAnswer(response: ServerResponse, plan: AnswerPlan): Promise<number> {
  const envelope = {
    conversation_id: randomUUID(),
    message_id: randomUUID(),
    created_at: Math.floor(Date.now() / 1000),
    task_id: randomUUID(),
  }
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  })
  const write = async (record: string) => {
    if (!response.write(record)) await new Promise((resolve) => response.once('drain', resolve))
  }
  let count = 0
  for (const answer of plan.chunks) {
    if (response.destroyed) return count
    const event = { event: 'message', ...envelope, id: envelope.message_id, answer }
    await write(`data: ${JSON.stringify({ ...event, from_variable_selector: null })}\n\n`)
    count++
    if (plan.intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.intervalMs))
  }
  const end = {
    event: 'message_end',
    ...envelope,
    id: envelope.message_id,
    metadata: {},
    files: null,
  }
  await write(`data: ${JSON.stringify(end)}\n\n`)
  response.end()
  return count + 1
}

/** Cuts text into `count` pieces of (nearly) equal length, never inside a surrogate pair. */
export function splitInto(text: string, count: number): string[] {
  const chars = Array.from(text)
  const pieces: string[] = []
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * chars.length) / count)
    const to = Math.floor(((i + 1) * chars.length) / count)
    pieces.push(chars.slice(from, to).join(''))
  }
  return pieces.filter((piece) => piece !== '')
}
