import { readFileSync } from 'node:fs'
import { serveFakeDify } from '../server/testing/serve-fake-dify.ts'
import { startWranglerDev } from '../server/workers/wrangler-dev.ts'
import { collectOwnStderr } from '../server/testing/stderr-log.ts'

/**
 * The e2e stack with `E2E_TARGET=workers`: the fake Dify in Node on 127.0.0.1:E2E_PORT-1 and
 * chatskins as a Worker in workerd (`wrangler dev`, local mode, no network) on E2E_PORT, with
 * e2e/endpoints.json as its CHATSKINS_CONFIG.
 */
const E2E_PORT = Number(process.env.E2E_PORT ?? 8791)
const FAKE_PORT = Number(process.env.E2E_FAKE_PORT ?? E2E_PORT - 1)
collectOwnStderr('e2e server (Workers)')

const config = readFileSync(new URL('endpoints.json', import.meta.url), 'utf8')
const upstream = await serveFakeDify({ port: FAKE_PORT, tokenDelayMs: 8 })
const worker = await startWranglerDev({
  port: E2E_PORT,
  vars: {
    CHATSKINS_CONFIG: JSON.stringify(JSON.parse(config)),
    E2E_DIFY_BASE: upstream.apiBase,
    E2E_FRAME_ORIGIN: `http://localhost:${E2E_PORT}`,
    SESSION_SECRET: 'e2e-session-secret-not-for-production',
  },
  // Playwright ends the whole group, wrangler and workerd included.
  ownProcessGroup: false,
  onOutput: (text) => process.stdout.write(text),
})
const stop = () => void worker.close().then(() => upstream.close())
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
void worker.exited.then(() => upstream.close()).then(() => process.exit(1))
