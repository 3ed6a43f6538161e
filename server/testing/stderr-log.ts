import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs'
import type { Readable } from 'node:stream'

/**
 * The file the servers a test run starts append their stderr to; set by the runners' global
 * setup (server/testing/vitest-stderr-check.ts, playwright.config.ts) and inherited by every
 * process they start. Unset (a test run by other means), nothing is collected.
 */
export const STDERR_LOG_VARIABLE = 'CHATSKINS_STDERR_LOG'

/**
 * A V8 stack frame: `at fn (file:1:2)`, `at file:1:2`, `at async fn (…)`, `at new X (<anonymous>)`,
 * `at async Promise.all (index 0)`.
 */
const STACK_FRAME =
  /^\s*at\s+(?:async\s+)?(?:new\s+)?\S.*(?::\d+:\d+\)?|\((?:native|<anonymous>|index \d+)\))\s*$/

/** Terminal colours, which a test runner may have put into what it passes on. */
const COLOUR = /\x1b\[[0-9;]*m/g

/** Whether `line` is a frame of a stack trace. */
function isStackFrame(line: string): boolean {
  return STACK_FRAME.test(line.replace(COLOUR, ''))
}

/** The lines of `text` that are frames of a stack trace. */
export function stackTraceLines(text: string): string[] {
  return text.split(/\r?\n/).filter(isStackFrame)
}

/**
 * A sink for one process's stderr: whole lines are appended to the log, each after `label`, so
 * a trace names the process it came from even when several write at once.
 */
export function stderrSink(label: string): (chunk: string | Uint8Array) => void {
  const path = process.env[STDERR_LOG_VARIABLE]
  if (!path) return () => {}
  const decoder = new TextDecoder()
  let partial = ''
  return (chunk) => {
    partial += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    const end = partial.lastIndexOf('\n')
    if (end < 0) return
    const lines = partial.slice(0, end).split('\n')
    partial = partial.slice(end + 1)
    const kept = lines.filter((line) => line.trim() !== '')
    if (kept.length > 0) appendFileSync(path, kept.map((line) => `${label} | ${line}\n`).join(''))
  }
}

/** Collects what a child process writes to stderr (the stream is still read by its owner too). */
export function collectStderr(label: string, stderr: Readable): void {
  const sink = stderrSink(label)
  stderr.on('data', (chunk: string | Uint8Array) => sink(chunk))
  stderr.once('end', () => sink('\n'))
}

/** Collects this process's own stderr writes: a server that is the process itself (e2e/serve.ts). */
export function collectOwnStderr(label: string): void {
  const sink = stderrSink(label)
  const write = process.stderr.write.bind(process.stderr)
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    sink(chunk)
    return write(chunk, ...rest)
  }) as typeof process.stderr.write
}

/**
 * Reads the run's log: null when no line of it is a stack frame (the log is then removed), else a
 * report of those lines for the run's failure (the log is kept for a closer look).
 */
export function checkStderrLog(path: string): string | null {
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : []
  const traced = lines.filter((line) => isStackFrame(line.slice(line.indexOf(' | ') + 3)))
  if (traced.length === 0) {
    rmSync(path, { force: true })
    return null
  }
  return (
    `${traced.length} stack-trace line(s) reached the stderr of a server this run started ` +
    `(no client input may cause one). The first of them; the whole log is ${path}:\n` +
    traced.slice(0, 20).join('\n')
  )
}
