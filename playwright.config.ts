import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'
import { findChromium } from './scripts/find-chromium.ts'
import { STDERR_LOG_VARIABLE } from './server/testing/stderr-log.ts'

const executablePath = findChromium()
if (!executablePath) throw new Error('No Chromium found: run `tsx scripts/ensure-chromium.ts`')

/** Set E2E_PORT to run two e2e suites side by side (the fake Dify takes the port below it). */
const port = Number(process.env.E2E_PORT ?? 8791)
/** `E2E_TARGET=workers` runs the journeys tagged `@core` against the Worker in workerd. */
const workers = process.env.E2E_TARGET === 'workers'

// The web server appends its stderr here (inherited by it and by the workers, which load this
// file again); e2e/stderr-check.ts fails the run on a stack trace in it.
process.env[STDERR_LOG_VARIABLE] ??= join(tmpdir(), `chatskins-e2e-stderr-${process.pid}.log`)

export default defineConfig({
  testDir: 'e2e',
  globalTeardown: './e2e/stderr-check.ts',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // One retry on CI, where a loaded machine can upset timing; Playwright still reports the test as flaky.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  ...(workers ? { grep: /@core/ } : {}),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: ['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost'],
    },
  },
  webServer: {
    command: workers ? 'npx tsx e2e/serve-workers.ts' : 'npx tsx e2e/serve.ts',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // Lets e2e/serve-workers.ts remove the Worker's local state.
    ...(workers ? { gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5000 } } : {}),
  },
})
