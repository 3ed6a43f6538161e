import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  checkStderrLog,
  collectStderr,
  stackTraceLines,
  stderrSink,
  STDERR_LOG_VARIABLE,
} from './stderr-log.ts'

describe('stackTraceLines', () => {
  it('finds every frame of a real stack trace, whatever its shape', () => {
    const stack = new Error('boom').stack!
    expect(stackTraceLines(stack)).toHaveLength(stack.split('\n').length - 1)
    const frames = [
      '    at Object.teardown (/work/app/setup.ts:9:8)',
      '    at async dispatch (file:///work/node_modules/hono/dist/compose.js:35:11)',
      '    at node:internal/deps/undici/undici:14976:13',
      '    at new Promise (<anonymous>)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '\tat Array.forEach (native)',
      '    at async Promise.all (index 3)',
      '    at \x1b[90m/work/app/\x1b[39mserver/x.ts:24:22\x1b[39m',
    ]
    expect(stackTraceLines(frames.join('\r\n'))).toEqual(frames)
  })

  it('takes no ordinary line for a frame', () => {
    const lines = [
      '{"time":"2026-07-23T10:00:00.000Z","route":"/:id/talk","status":400}',
      'chatskins cannot start: environment: SHUTDOWN_GRACE_MS: must be whole milliseconds',
      'Error: an error message alone is no trace',
      '  at most 3 answers can be written at once',
      'at 10:30 the server restarted',
      'Redis is unreachable at 127.0.0.1:6379: counting in this process',
    ]
    expect(stackTraceLines(lines.join('\n'))).toEqual([])
  })
})

describe('the stderr log of a run', () => {
  let dir: string
  let before: string | undefined
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stderr-log-test-'))
    before = process.env[STDERR_LOG_VARIABLE]
    process.env[STDERR_LOG_VARIABLE] = join(dir, 'stderr.log')
  })
  afterEach(() => {
    if (before === undefined) delete process.env[STDERR_LOG_VARIABLE]
    else process.env[STDERR_LOG_VARIABLE] = before
    rmSync(dir, { recursive: true, force: true })
  })

  it('passes a log of warnings and error messages, and removes it', () => {
    const path = process.env[STDERR_LOG_VARIABLE]!
    const sink = stderrSink('server')
    sink('SESSION_SECRET is not set: using a random one\n')
    sink('a warning in two ')
    sink('pieces\n')
    expect(readFileSync(path, 'utf8')).toBe(
      'server | SESSION_SECRET is not set: using a random one\nserver | a warning in two pieces\n',
    )
    expect(checkStderrLog(path)).toBeNull()
    expect(existsSync(path)).toBe(false)
  })

  it('fails on a stack trace a child process wrote, naming the process, even split across writes', async () => {
    const path = process.env[STDERR_LOG_VARIABLE]!
    const child = spawn(
      process.execPath,
      [
        '-e',
        "process.stderr.write('Error: boom\\n    at handle (/app/x.ts:1'); setTimeout(() => process.stderr.write(':2)\\n'), 50)",
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    collectStderr('child server', child.stderr)
    await new Promise((resolve) => child.once('close', resolve))
    const problem = checkStderrLog(path)
    expect(problem).toContain('1 stack-trace line(s)')
    expect(problem).toContain('child server |     at handle (/app/x.ts:1:2)')
    // Kept for a closer look.
    expect(existsSync(path)).toBe(true)
  })

  it('collects nothing when no run asked for a log', () => {
    delete process.env[STDERR_LOG_VARIABLE]
    stderrSink('server')('    at handle (/app/x.ts:1:2)\n')
    expect(existsSync(join(dir, 'stderr.log'))).toBe(false)
  })
})
