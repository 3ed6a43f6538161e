import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createFakeDify, type FakeDify, type FakeDifyOptions } from '../demo/fake-dify.ts'
import { TEST_APPS } from './test-apps.ts'
import { TEST_FAULTS } from './test-faults.ts'

export interface ServedFakeDify {
  /** The Service API base, e.g. `http://127.0.0.1:8790/v1`. */
  apiBase: string
  fake: FakeDify
  close(): Promise<void>
}

/** Serves the test fake (the demo bot plus hostile apps and fault directives) over real HTTP on loopback, for tests, e2e and benchmarks. */
export async function serveFakeDify(
  options: FakeDifyOptions & { port?: number } = {},
): Promise<ServedFakeDify> {
  // Reachable over HTTP, the fake gives file URLs as a Dify without FILES_URL does: relative.
  const fake = createFakeDify({
    fileUrls: 'relative',
    apps: TEST_APPS,
    faults: TEST_FAULTS,
    ...options,
  })
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      { fetch: fake.fetch, hostname: '127.0.0.1', port: options.port ?? 0 },
      () => resolve(started),
    )
    started.once('error', reject)
  })
  // Idle connections kept as long as nginx in front of Dify keeps them (65 s), not Node's 5 s: a
  // test process too busy to read its sockets runs its timers first, and would close a kept
  // connection a streamed upload had just begun on.
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 65_000
  const { port } = server.address() as AddressInfo
  return {
    apiBase: `http://127.0.0.1:${port}/v1`,
    fake,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
