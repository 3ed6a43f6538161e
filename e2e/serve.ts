import { fileURLToPath } from 'node:url'
import { serveFakeDify } from '../server/testing/serve-fake-dify.ts'
import { startServer } from '../server/node/start-server.ts'
import { collectOwnStderr } from '../server/testing/stderr-log.ts'

/**
 * The e2e stack, owned by Playwright's webServer: the fake Dify on 127.0.0.1:8790 and chatskins on
 * 127.0.0.1:8791 (E2E_PORT moves both), configured by e2e/endpoints.json, so both hops are real
 * HTTP.
 */
const E2E_PORT = Number(process.env.E2E_PORT ?? 8791)
const FAKE_PORT = Number(process.env.E2E_FAKE_PORT ?? E2E_PORT - 1)
collectOwnStderr('e2e server')

const root = fileURLToPath(new URL('..', import.meta.url))
const upstream = await serveFakeDify({ port: FAKE_PORT, tokenDelayMs: 8 })
await startServer({
  root,
  env: {
    ...process.env,
    E2E_DIFY_BASE: upstream.apiBase,
    // Another origin on the same server, allowed to frame the `embeddable` endpoint.
    E2E_FRAME_ORIGIN: `http://localhost:${E2E_PORT}`,
    HOST: '127.0.0.1',
    PORT: String(E2E_PORT),
    SESSION_SECRET: 'e2e-session-secret-not-for-production',
  },
  argv: ['--config', fileURLToPath(new URL('endpoints.json', import.meta.url))],
})
