import { defineConfig } from 'vitest/config'
import { stderrSink } from './server/testing/stderr-log.ts'

export default defineConfig({
  test: {
    include: ['contract/**/*.test.ts', 'server/**/*.test.ts', 'src/**/*.test.{ts,tsx}'],
    // `*.workerd.test.ts` need the Worker build: npm run test:e2e:workers runs them.
    exclude: [
      'e2e/**',
      'node_modules/**',
      'dist/**',
      ...(process.env.WORKERD_TESTS ? [] : ['**/*.workerd.test.ts']),
    ],
    environment: 'node',
    testTimeout: 20_000,
    // The run fails when a stack trace reached the stderr of any server it started.
    globalSetup: ['server/testing/vitest-stderr-check.ts'],
    // Servers started inside a test process write here (their child processes collect their own).
    onConsoleLog(log, type) {
      if (type === 'stderr') stderrSink('test process')(log.endsWith('\n') ? log : `${log}\n`)
    },
  },
})
