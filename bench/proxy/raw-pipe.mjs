// The floor for proxy overhead: a minimal node:http pipe to UPSTREAM (no parsing, no filtering),
// run as its own process. Plain JavaScript so the process runs without a TypeScript loader.
import { createServer, request as httpRequest } from 'node:http'

const upstream = new URL(process.env.UPSTREAM ?? 'http://127.0.0.1:9')

/** Hop-by-hop headers belong to one connection, not to the request (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host'])
const endToEnd = (headers) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)))

const server = createServer((request, response) => {
  const forward = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: request.method,
      path: request.url,
      headers: { ...endToEnd(request.headers), host: upstream.host },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers))
      answer.pipe(response)
    },
  )
  forward.on('error', () => response.destroy())
  response.on('close', () => forward.destroy())
  request.pipe(forward)
})

server.listen(0, '127.0.0.1', () => {
  console.log(`raw pipe listening on http://127.0.0.1:${server.address().port}`)
})
process.on('SIGTERM', () => process.exit(0))
