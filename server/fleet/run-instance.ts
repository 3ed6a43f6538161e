import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './free-port.ts'
import { waitForPort } from './run-redis.ts'
import { collectStderr } from '../testing/stderr-log.ts'

const PROJECT = fileURLToPath(new URL('../..', import.meta.url))
const TEMPLATE =
  '<!doctype html><html><head><!--chatskins:head--></head><body><!--chatskins:boot--></body></html>'

export interface RunningInstance {
  /** `127.0.0.1:port`, for nginx's upstream block. */
  address: string
  url: string
  /** Every request-log entry it wrote so far. */
  requestIds(): string[]
  output(): string
  /** SIGKILL to the whole process group: a crash, no shutdown. */
  kill(): Promise<void>
  stop(): Promise<void>
}

/**
 * One chatskins process (the real Node entry under tsx) in its own process group, with a project
 * root holding the real themes and a minimal page, so no build is needed.
 */
export async function runInstance(env: Record<string, string>): Promise<RunningInstance> {
  const root = mkdtempSync(join(tmpdir(), 'chatskins-instance-'))
  symlinkSync(join(PROJECT, 'themes'), join(root, 'themes'))
  mkdirSync(join(root, 'dist', 'client'), { recursive: true })
  writeFileSync(join(root, 'dist', 'client', 'index.html'), TEMPLATE)
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT, 'server', 'node.ts')], {
    cwd: PROJECT,
    env: {
      PATH: process.env.PATH,
      CHATSKINS_ROOT: root,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  collectStderr('fleet instance', child.stderr!)
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, name)
    await exited
  }
  try {
    await waitForPort(port, 30_000)
  } catch (error) {
    await signal('SIGKILL')
    throw new Error(`chatskins did not start:\n${output}`, { cause: error })
  }
  return {
    address: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requestIds: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => (JSON.parse(line) as { request_id: string }).request_id),
    output: () => output,
    kill: () => signal('SIGKILL'),
    async stop() {
      await signal('SIGTERM')
      rmSync(root, { recursive: true, force: true })
    },
  }
}
