import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkStderrLog, STDERR_LOG_VARIABLE } from './stderr-log.ts'

// Vitest's global setup: a fresh stderr log for the run, which every server process the tests
// start appends to (server/testing/stderr-log.ts), and what the tests' own servers print through
// `console.error` (vitest.config.ts `onConsoleLog`). At the end, one stack-trace line fails the run.

export function setup(): void {
  const path = join(mkdtempSync(join(tmpdir(), 'chatskins-stderr-')), 'stderr.log')
  writeFileSync(path, '')
  process.env[STDERR_LOG_VARIABLE] = path
}

export function teardown(): void {
  const path = process.env[STDERR_LOG_VARIABLE]
  const problem = path ? checkStderrLog(path) : null
  if (!problem) return
  console.error(`\n${problem}\n`)
  // A thrown error here is only printed; the exit code is what fails the run.
  process.exitCode = 1
}
