// The proxy benchmark's Dify stand-in, run as its own process. `POST /v1/chat-messages` answers
// by the query: `paced:<events>:<ms>` one record every <ms>, `flood:<events>` as fast as the
// connection takes them, `hold` one record then Dify's `event: ping` every 5 s until the client
// leaves. Every `answer` starts with the emit time, process.hrtime.bigint() in ns: a system-wide
// monotonic clock, so a reader in another process on this machine can compute the latency.
// Plain JavaScript so the process runs without a TypeScript loader.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'

const server = createServer((request, response) => {
  let body = ''
  request.setEncoding('utf8')
  request.on('data', (data) => (body += data))
  request.on('end', () => {
    let query = ''
    try {
      query = String(JSON.parse(body).query ?? '')
    } catch {}
    if (request.url !== '/v1/chat-messages' || request.method !== 'POST') {
      response.writeHead(404, { 'Content-Type': 'application/json' })
      response.end('{"code":"not_found","message":"Not Found","status":404}')
      return
    }
    void answer(query, response)
  })
})

async function answer(query, response) {
  const ids = {
    conversation_id: randomUUID(),
    message_id: randomUUID(),
    created_at: Math.floor(Date.now() / 1000),
    task_id: randomUUID(),
  }
  const head =
    `data: {"event":"message","conversation_id":"${ids.conversation_id}","message_id":` +
    `"${ids.message_id}","created_at":${ids.created_at},"task_id":"${ids.task_id}","id":` +
    `"${ids.message_id}","answer":"`
  const tail = ' token","from_variable_selector":null}\n\n'
  const record = () => `${head}${process.hrtime.bigint()}${tail}`
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  })
  const closed = new Promise((resolve) => response.once('close', resolve))
  const write = async (text) => {
    if (!response.write(text)) {
      await Promise.race([new Promise((resolve) => response.once('drain', resolve)), closed])
    }
  }
  const [mode, count = '0', interval = '0'] = query.split(':')
  const events = Number(count)
  if (mode === 'hold') {
    await write(record())
    const ping = setInterval(() => response.write('event: ping\n\n'), 5000)
    await closed
    clearInterval(ping)
    return
  }
  for (let i = 0; i < events && !response.destroyed; i++) {
    await write(record())
    if (mode === 'paced') await new Promise((resolve) => setTimeout(resolve, Number(interval)))
  }
  const end =
    `data: {"event":"message_end","conversation_id":"${ids.conversation_id}","message_id":` +
    `"${ids.message_id}","created_at":${ids.created_at},"task_id":"${ids.task_id}","id":` +
    `"${ids.message_id}","metadata":{},"files":null}\n\n`
  response.end(end)
}

server.listen(0, '127.0.0.1', () => {
  console.log(`upstream listening on http://127.0.0.1:${server.address().port}`)
})
