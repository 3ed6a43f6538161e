import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { collectStderr } from '../testing/stderr-log.ts'

const ENTRY = fileURLToPath(new URL('./child-server-entry.ts', import.meta.url))

export interface ChildServer {
  url: string
  /** Everything the process wrote to stderr so far. */
  stderr(): string
  /** Its resident memory now, in MB (Linux /proc). */
  rssMb(): number
  /** What it still holds after a full garbage collection (heap and buffers), in MB. */
  retainedMb(): Promise<number>
  stop(): Promise<void>
}

/**
 * Starts chatskins under tsx in a process group of its own (so stopping it stops tsx's child
 * too), with `config` as its config file; resolves once it listens.
 */
export function startChildServer(
  config: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', ENTRY], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SESSION_SECRET: 'child-server-secret-123',
      ...env,
      CHILD_CONFIG: JSON.stringify(config),
    },
  })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  collectStderr('child server', child.stderr)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    let stdout = ''
    let onMemory: ((line: string) => void) | undefined
    child.once('exit', (code) => reject(new Error(`child server exited (${code}): ${stderr}`)))
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text
      const memory = /memory (\{.*\})\n/.exec(stdout)
      if (memory) {
        stdout = stdout.slice(memory.index + memory[0].length)
        onMemory?.(memory[1]!)
      }
      const url = /listening (\S+)/.exec(stdout)?.[1]
      if (!url) return
      stdout = ''
      resolve({
        url,
        stderr: () => stderr,
        rssMb: () =>
          Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) /
          1024,
        retainedMb: () =>
          new Promise((resolve, reject) => {
            void exited.then(() => reject(new Error(`child server exited: ${stderr}`)))
            onMemory = (line) => {
              const { heapUsed, external } = JSON.parse(line) as Record<string, number>
              resolve((heapUsed! + external!) / 1024 / 1024)
            }
            child.kill('SIGUSR2')
          }),
        async stop() {
          try {
            process.kill(-child.pid!, 'SIGKILL')
          } catch {
            // Already gone.
          }
          await exited
        },
      })
    })
  })
}
