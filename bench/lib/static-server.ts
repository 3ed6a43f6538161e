import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StaticPage {
  body: string | Uint8Array
  contentType: string
}

export interface ServedPages {
  url: string
  close(): Promise<void>
}

/** Serves fixed bodies by path on an ephemeral loopback port (baseline pages, scripts). */
export async function servePages(pages: Record<string, StaticPage>): Promise<ServedPages> {
  const server: Server = createServer((request, response) => {
    const page = pages[(request.url ?? '/').split('?')[0]!]
    if (!page) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'Content-Type': page.contentType, 'Cache-Control': 'no-store' })
    response.end(page.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
