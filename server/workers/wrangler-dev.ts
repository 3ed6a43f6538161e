import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What keeps `wrangler dev` off the network: no Request.cf download, update check or metrics. */
export const OFFLINE_WRANGLER_ENV = {
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
}

export interface WranglerDevOptions {
  /** Loopback port to serve on; 0 picks a free one. */
  port?: number
  /** Vars and secrets the Worker gets (`--var`). */
  vars?: Record<string, string>
  /** Each line wrangler and the Worker print (default: dropped). */
  onOutput?: (text: string) => void
  /**
   * Starts wrangler in a process group of its own, ended whole on close (default). False keeps it
   * in the caller's, for a caller whose group is ended by someone else (Playwright's webServer).
   */
  ownProcessGroup?: boolean
}

export interface WranglerDev {
  url: string
  /** Everything printed so far. */
  output(): string
  /** Resolves with the exit code if wrangler dies on its own. */
  exited: Promise<number | null>
  close(): Promise<void>
}

const READY = /Ready on (http:\/\/127\.0\.0\.1:\d+)/
const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Runs the Worker in workerd through `wrangler dev` in local mode, for the tests, the e2e stack
 * and the bench (Node only: never part of the Worker). Durable Object state goes to a fresh
 * folder that is removed on close. Needs `npm run build:workers` first.
 */
export function startWranglerDev(options: WranglerDevOptions = {}): Promise<WranglerDev> {
  const ownGroup = options.ownProcessGroup ?? true
  const state = mkdtempSync(join(tmpdir(), 'chatskins-wrangler-'))
  const child = spawn(
    join(root, 'node_modules/.bin/wrangler'),
    [
      'dev',
      '--local',
      ...['--ip', '127.0.0.1', '--port', String(options.port ?? 0)],
      ...['--inspector-ip', '127.0.0.1', '--inspector-port', '0'],
      ...['--persist-to', state, '--show-interactive-dev-session=false', '--live-reload=false'],
      ...Object.entries(options.vars ?? {}).flatMap(([name, value]) => [
        '--var',
        `${name}:${value}`,
      ]),
    ],
    {
      cwd: root,
      detached: ownGroup,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...OFFLINE_WRANGLER_ENV },
    },
  )
  let output = ''
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      rmSync(state, { recursive: true, force: true })
      resolve(code)
    }),
  )
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      if (ownGroup) process.kill(-child.pid!, 'SIGTERM')
      else child.kill('SIGTERM')
    }
    await exited
  }
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer) => {
      const text = data.toString()
      output += text
      options.onOutput?.(text)
      const url = READY.exec(output)?.[1]
      if (url) {
        child.stdout.off('data', onData)
        child.stdout.on('data', (more: Buffer) => {
          output += more.toString()
          options.onOutput?.(more.toString())
        })
        resolve({ url, output: () => output, exited, close })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (data: Buffer) => {
      output += data.toString()
      options.onOutput?.(data.toString())
    })
    void exited.then((code) => reject(new Error(`wrangler dev exited (${code}):\n${output}`)))
  })
}
