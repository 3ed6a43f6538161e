import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './first-load.ts'

export const SERVER_ENTRY = join(ROOT, 'dist', 'server', 'node.js')
export const SESSION_SECRET = 'bench-session-secret-0123456789'

export interface ChildServer {
  url: string
  child: ChildProcess
  /** Asks the child for its CPU time and memory (needs the probe preloaded and an IPC channel). */
  usage(options?: { gc?: boolean }): Promise<ProcessUsage>
  stop(): Promise<void>
}

export interface ProcessUsage {
  /** user + system CPU time, ms. */
  cpuMs: number
  rss: number
  heapUsed: number
  external: number
}

const PROBE = join(ROOT, 'bench', 'proxy', 'probe.mjs')

/** Every child a benchmark started; none may outlive the run, whatever failed or timed out. */
const children = new Set<ChildProcess>()

/** Kills every child still running; safe to call more than once. */
export function killChildren(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
}
process.once('exit', killChildren)

/** Registers a child process so it is killed when the benchmark process exits. */
export function track<T extends ChildProcess>(child: T): T {
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** A clean environment: no Dify key or config from the caller's shell leaks into a benchmark. */
export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    HOST: '127.0.0.1',
    PORT: '0',
    SESSION_SECRET,
    NODE_ENV: 'production',
    // No drain after SIGTERM: nothing balances onto a bench server, and the next row waits.
    SHUTDOWN_GRACE_MS: '0',
    ...extra,
  }
}

/** Writes a chatskins config file into a fresh temp folder; returns its path and a cleanup. */
export function writeTempConfig(config: unknown): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'chatskins-bench-'))
  const path = join(dir, 'chatskins.json')
  writeFileSync(path, JSON.stringify(config, null, 2))
  const remove = () => rmSync(dir, { recursive: true, force: true })
  // Also on an interrupted run (process.exit from a signal handler still emits 'exit').
  process.once('exit', remove)
  return { path, remove }
}

export interface SpawnServerOptions {
  /** The program to run: the built chatskins entry by default. */
  script?: string
  env?: Record<string, string>
  /** Preloads bench/proxy/probe.mjs and opens IPC, so `usage()` works. */
  probe?: boolean
  /** How the child announces its URL on stdout. */
  urlPattern?: RegExp
  timeoutMs?: number
  /** Extra node flags, e.g. `--cpu-prof` to see where a server spends its time. */
  nodeArgs?: string[]
}

const CHATSKINS_URL = /chatskins serving .* on (http:\/\/\S+)/

/** Spawns a server child on an ephemeral loopback port and waits for it to print its URL. */
export function spawnServer(options: SpawnServerOptions = {}): Promise<ChildServer> {
  const script = options.script ?? SERVER_ENTRY
  const pattern = options.urlPattern ?? CHATSKINS_URL
  const nodeArgs = [
    ...(options.probe ? ['--expose-gc', '--import', PROBE] : []),
    ...(options.nodeArgs ?? []),
  ]
  const child = track(
    spawn(process.execPath, [...nodeArgs, script], {
      cwd: ROOT,
      env: baseEnv(options.env),
      stdio: options.probe ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    }),
  )
  let output = ''
  return new Promise<ChildServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${script} did not start in time:\n${output}`))
    }, options.timeoutMs ?? 15_000)
    const onData = (data: Buffer) => {
      output += data.toString()
      const url = pattern.exec(output)?.[1]
      if (!url) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.stdout?.resume()
      resolve(wrap(child, url))
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (data: Buffer) => (output += data.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited with ${code} before serving:\n${output}`))
    })
  })
}

function wrap(child: ChildProcess, url: string): ChildServer {
  let serial = 0
  return {
    url,
    child,
    usage: ({ gc = false } = {}) =>
      new Promise<ProcessUsage>((resolve, reject) => {
        if (!child.send) return reject(new Error('no IPC channel: spawn with probe: true'))
        const id = ++serial
        const onMessage = (message: unknown) => {
          const reply = message as { id?: number; usage?: ProcessUsage }
          if (reply.id !== id || !reply.usage) return
          child.off('message', onMessage)
          resolve(reply.usage)
        }
        child.on('message', onMessage)
        child.send({ id, gc })
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}
