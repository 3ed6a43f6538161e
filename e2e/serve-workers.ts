import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveFakeDify } from '../server/demo/serve-fake-dify.ts'

/**
 * The e2e stack with `E2E_TARGET=workers`: the fake Dify in Node on 127.0.0.1:E2E_PORT-1 and
 * chatskins as a Worker in workerd (`wrangler dev`, local mode, no network) on E2E_PORT, with
 * e2e/endpoints.json as its CHATSKINS_CONFIG. Needs `npm run build` and scripts/build-workers.ts.
 */
const E2E_PORT = Number(process.env.E2E_PORT ?? 8791)
const FAKE_PORT = Number(process.env.E2E_FAKE_PORT ?? E2E_PORT - 1)

const root = fileURLToPath(new URL('..', import.meta.url))
const config = JSON.stringify(JSON.parse(readFileSync(join(root, 'e2e/endpoints.json'), 'utf8')))
const upstream = await serveFakeDify({ port: FAKE_PORT, tokenDelayMs: 8 })
// Fresh Durable Object storage each run, so no stream slot or budget carries over.
const state = mkdtempSync(join(tmpdir(), 'chatskins-workers-e2e-'))
const vars = {
  CHATSKINS_CONFIG: config,
  E2E_DIFY_BASE: upstream.apiBase,
  E2E_FRAME_ORIGIN: `http://localhost:${E2E_PORT}`,
  SESSION_SECRET: 'e2e-session-secret-not-for-production',
}
const wrangler = spawn(
  join(root, 'node_modules/.bin/wrangler'),
  [
    'dev',
    '--local',
    ...['--ip', '127.0.0.1', '--port', String(E2E_PORT)],
    ...['--inspector-ip', '127.0.0.1', '--inspector-port', String(E2E_PORT + 2)],
    ...['--persist-to', state, '--show-interactive-dev-session=false', '--live-reload=false'],
    ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
  ],
  {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  },
)
const stop = () => {
  wrangler.kill('SIGTERM')
  rmSync(state, { recursive: true, force: true })
}
process.on('SIGTERM', () => stop())
process.on('SIGINT', () => stop())
wrangler.on('exit', (code) => {
  rmSync(state, { recursive: true, force: true })
  void upstream.close().finally(() => process.exit(code ?? 1))
})
