import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { PrometheusMetrics } from './prometheus-metrics.ts'

/**
 * `GET /metrics` on its own port (METRICS_PORT), for a scraper on a private network; the public
 * port has no such route unless METRICS_TOKEN is set.
 */
export async function listenForMetrics(
  metrics: PrometheusMetrics,
  hostname: string,
  port: number,
): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n')
      return
    }
    metrics.render().then(
      ({ contentType, body }) => response.writeHead(200, { 'Content-Type': contentType }).end(body),
      () => response.writeHead(500, { 'Content-Type': 'text/plain' }).end('Metrics failed\n'),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, hostname, resolve)
  })
  const { port: bound } = server.address() as AddressInfo
  return { url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${bound}`, server }
}
