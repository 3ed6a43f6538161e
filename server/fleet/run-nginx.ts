import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './free-port.ts'
import { waitForPort } from './run-redis.ts'

const CONFIG = fileURLToPath(new URL('../../deploy/nginx.conf', import.meta.url))

export interface RunningNginx {
  url: string
  stop(): Promise<void>
}

/**
 * Debian's nginx with deploy/nginx.conf, its placeholders filled in, everything (pid, logs,
 * temp files) in a temp prefix; in the foreground, so stopping the child stops nginx.
 */
export async function runNginx(instances: [string, string]): Promise<RunningNginx> {
  const port = await freePort()
  const prefix = mkdtempSync(join(tmpdir(), 'chatskins-nginx-'))
  for (const dir of ['logs', 'tmp']) mkdirSync(join(prefix, dir))
  const config = readFileSync(CONFIG, 'utf8')
    .replaceAll('{{listen}}', `127.0.0.1:${port}`)
    .replaceAll('{{instance_a}}', instances[0])
    .replaceAll('{{instance_b}}', instances[1])
  writeFileSync(join(prefix, 'nginx.conf'), config)
  const child = spawn(
    'nginx',
    ['-p', `${prefix}/`, '-c', 'nginx.conf', '-e', 'logs/error.log', '-g', 'daemon off;'],
    { stdio: 'ignore', detached: true },
  )
  const exited = new Promise((resolve) => child.once('exit', resolve))
  try {
    await waitForPort(port)
  } catch (error) {
    const log = readFileSync(join(prefix, 'logs', 'error.log'), 'utf8')
    throw new Error(`nginx did not start: ${log}`, { cause: error })
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM')
      await exited
      rmSync(prefix, { recursive: true, force: true })
    },
  }
}
