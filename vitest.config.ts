import { defineConfig } from 'vitest/config'

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
  },
})
