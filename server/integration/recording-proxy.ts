import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  body: string
}

export interface RecordingProxy {
  /** The Service API base to configure instead of the target's. */
  apiBase: string
  /** Every request that reached Dify through the proxy, in order. */
  requests: RecordedRequest[]
  close(): Promise<void>
}

/** A loopback proxy in front of the fake Dify that records what chatskins sent it. */
export async function startRecordingProxy(targetApiBase: string): Promise<RecordingProxy> {
  const target = new URL(targetApiBase)
  const requests: RecordedRequest[] = []
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const body = Buffer.concat(chunks)
      requests.push({
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        body: body.toString('utf8'),
      })
      const forwarded = request(
        {
          hostname: target.hostname,
          port: target.port,
          path: incoming.url,
          method: incoming.method,
          headers: { ...incoming.headers, host: target.host },
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(outgoing)
        },
      )
      forwarded.on('error', () => outgoing.destroy())
      outgoing.on('close', () => forwarded.destroy())
      forwarded.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    apiBase: `http://127.0.0.1:${port}${target.pathname}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
