import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { collectStderr } from '../testing/stderr-log.ts'

const PROJECT = fileURLToPath(new URL('../..', import.meta.url))
const children: ChildProcess[] = []
const roots: string[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A project root with the real themes and a page template, so no build is needed. */
function rootWithTemplate(): string {
  const root = mkdtempSync(join(tmpdir(), 'chatskins-shutdown-'))
  roots.push(root)
  symlinkSync(join(PROJECT, 'themes'), join(root, 'themes'))
  mkdirSync(join(root, 'dist', 'client'), { recursive: true })
  writeFileSync(
    join(root, 'dist', 'client', 'index.html'),
    '<!doctype html><html><head><!--chatskins:head--></head><body><!--chatskins:boot--></body></html>',
  )
  return root
}

/** Spawns the real entry (server/node.ts) with the demo bot; resolves once it serves. */
async function spawnServer(graceMs: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT, 'server', 'node.ts')], {
    cwd: PROJECT,
    env: {
      ...process.env,
      CHATSKINS_ROOT: rootWithTemplate(),
      HOST: '127.0.0.1',
      PORT: '0',
      SESSION_SECRET: 'shutdown-test-secret-1234567',
      SHUTDOWN_GRACE_MS: String(graceMs),
      DIFY_API_KEY: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  collectStderr('shutdown test server', child.stderr!)
  child.stderr!.pipe(process.stderr)
  let output = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  )
  await expect.poll(() => /on (http:\/\/\S+)/.exec(output)?.[1], { timeout: 15_000 }).toBeTruthy()
  const url = /on (http:\/\/\S+)/.exec(output)![1]!
  return { child, url, exited, output: () => output }
}

/** Opens a streamed answer from the demo bot and reads its first event. */
async function openStream(url: string, query: string) {
  const response = await fetch(`${url}/minimal/talk`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query }),
  })
  expect(response.status).toBe(200)
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = decoder.decode((await reader.read()).value, { stream: true })
  return {
    /** The rest of the stream; `cut` when the connection broke before its end. */
    async rest(): Promise<{ text: string; cut: boolean }> {
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return { text, cut: false }
          text += decoder.decode(value, { stream: true })
        }
      } catch {
        return { text, cut: true }
      }
    },
  }
}

describe('SIGTERM', () => {
  it('drains: keeps serving with /readyz at 503, lets open answers finish, then exits 0', async () => {
    const graceMs = 5000
    const server = await spawnServer(graceMs)
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
    // About 1.5 s of answer: 10 words, 150 ms apart.
    const stream = await openStream(
      server.url,
      '[[echo]][[slow=150]] one two three four five six seven eight nine ten',
    )
    const signalledAt = Date.now()
    server.child.kill('SIGTERM')
    await expect.poll(() => server.output(), { timeout: 5000 }).toContain('SIGTERM: draining')

    // What a balancer's probe sees: a 503 with the reason, not a refused connection.
    const probe = await fetch(`${server.url}/readyz`)
    expect(probe.status).toBe(503)
    expect(await probe.json()).toEqual({ ready: false, reasons: ['shutting down'] })
    expect(probe.headers.get('connection')).toBe('close')
    // A visitor the balancer still sends here is answered in full.
    const late = await openStream(server.url, '[[echo]] still served')
    const lateAnswer = await late.rest()
    expect(lateAnswer.cut).toBe(false)
    expect(lateAnswer.text).toContain('"event":"message_end"')

    const { text, cut } = await stream.rest()
    expect(cut).toBe(false)
    expect(text).toContain('"event":"message_end"')
    expect(text).toContain('"answer":"ten"')
    expect(Date.now() - signalledAt).toBeLessThan(graceMs)
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503)

    const { code, at } = await server.exited
    expect(code).toBe(0)
    expect(at - signalledAt).toBeGreaterThanOrEqual(graceMs - 50)
    expect(at - signalledAt).toBeLessThan(graceMs + 3000)
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow()
  }, 30_000)

  it('stops at once on a second signal', async () => {
    const server = await spawnServer(60_000)
    // Answered once the entry has its signal handlers (they follow the "serving" line).
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200)
    server.child.kill('SIGTERM')
    await expect.poll(() => server.output(), { timeout: 5000 }).toContain('SIGTERM: draining')
    const signalledAt = Date.now()
    server.child.kill('SIGTERM')
    const { code, at } = await server.exited
    expect(code).toBe(0)
    expect(at - signalledAt).toBeLessThan(3000)
  }, 30_000)

  it('cuts an answer that outlives the grace period and still exits 0 in time', async () => {
    const graceMs = 700
    const server = await spawnServer(graceMs)
    // 20 words a second apart: far longer than the grace period.
    const stream = await openStream(server.url, `[[echo]][[slow=1000]] ${'word '.repeat(20)}`)
    const signalledAt = Date.now()
    server.child.kill('SIGTERM')

    const { text } = await stream.rest()
    expect(text).not.toContain('"event":"message_end"')
    const { code, at } = await server.exited
    expect(code).toBe(0)
    expect(at - signalledAt).toBeGreaterThanOrEqual(graceMs - 50)
    expect(at - signalledAt).toBeLessThan(graceMs + 3000)
  }, 30_000)

  it('refuses to start with a malformed SHUTDOWN_GRACE_MS, naming it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT, 'server', 'node.ts')], {
      cwd: PROJECT,
      env: {
        ...process.env,
        CHATSKINS_ROOT: rootWithTemplate(),
        PORT: '0',
        SHUTDOWN_GRACE_MS: '5s',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    children.push(child)
    let errors = ''
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk))
    collectStderr('server with a bad SHUTDOWN_GRACE_MS', child.stderr!)
    const code = await new Promise((resolve) => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(errors).toContain('SHUTDOWN_GRACE_MS: must be whole milliseconds')
  }, 30_000)
})
