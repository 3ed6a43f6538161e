import { randomUUID } from 'node:crypto'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The form the batch benchmark fills: a short topic and a long paragraph per row. */
export const BENCH_FORM = [
  { 'text-input': { variable: 'topic', label: 'Topic', required: true, max_length: 200 } },
  { paragraph: { variable: 'notes', label: 'Notes', required: false } },
]

export interface GeneratorUpstream {
  apiBase: string
  /** Completions answered so far. */
  runs(): number
  close(): Promise<void>
}

/**
 * A Dify completion app that answers at once, so the batch benchmark measures the page rather
 * than an LLM: `GET /info` says `completion`, `GET /parameters` has BENCH_FORM, and
 * `POST /completion-messages` streams `chunks` `message` records and `message_end` in Dify's
 * framing (docs/dify-wire.md#completion-messages), then closes.
 */
export async function serveGeneratorUpstream(
  chunks: readonly string[],
): Promise<GeneratorUpstream> {
  let runs = 0
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const path = request.url ?? ''
      if (request.method === 'GET' && path === '/v1/info') {
        return json(response, {
          name: 'Bench writer',
          description: '',
          tags: [],
          mode: 'completion',
        })
      }
      if (request.method === 'GET' && path === '/v1/parameters') {
        return json(response, { user_input_form: BENCH_FORM, file_upload: { enabled: false } })
      }
      if (request.method === 'POST' && path === '/v1/completion-messages') {
        runs++
        return writeCompletion(response, chunks)
      }
      response.writeHead(404, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify({ code: 'not_found', message: 'not here', status: 404 }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    apiBase: `http://127.0.0.1:${port}/v1`,
    runs: () => runs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function json(response: ServerResponse, body: unknown) {
  response.writeHead(200, { 'Content-Type': 'application/json' })
  response.end(JSON.stringify(body))
}

function writeCompletion(response: ServerResponse, chunks: readonly string[]) {
  const envelope = {
    message_id: randomUUID(),
    conversation_id: randomUUID(),
    task_id: randomUUID(),
    created_at: Math.floor(Date.now() / 1000),
  }
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
  for (const answer of chunks) {
    response.write(
      `data: ${JSON.stringify({ event: 'message', ...envelope, id: envelope.message_id, answer })}\n\n`,
    )
  }
  const usage = { total_tokens: chunks.length }
  response.end(
    `data: ${JSON.stringify({ event: 'message_end', ...envelope, id: envelope.message_id, metadata: { usage } })}\n\n`,
  )
}
