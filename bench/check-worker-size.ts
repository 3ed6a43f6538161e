// Part of `npm run bench:check`: fails (exit 1) when the Cloudflare Worker's script, gzip level 9,
// exceeds its budget or carries test-only code. Needs `npm run build:workers` first.
import { testOnlyCodeIn, testOnlyNeedles, TEST_ONLY_SUMMARY } from './lib/test-only-needles.ts'
import { measureWorkerBundle, WORKER_BUDGET_GZIP } from './lib/worker-bundle.ts'

const needles = testOnlyNeedles()
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`

try {
  const { raw, gzip, text } = await measureWorkerBundle()
  console.log(`Worker script, gzip -9: ${kb(gzip)} (${kb(raw)} raw)`)
  if (gzip > WORKER_BUDGET_GZIP) {
    console.error(
      `bench:check failed: the Worker script is ${kb(gzip)} gzip, over its ` +
        `${kb(WORKER_BUDGET_GZIP)} budget by ${kb(gzip - WORKER_BUDGET_GZIP)}`,
    )
    process.exitCode = 1
  } else {
    console.log(`bench:check ok: the Worker script is within ${kb(WORKER_BUDGET_GZIP)} gzip`)
  }
  const testOnly = testOnlyCodeIn(text, needles)
  if (testOnly.length > 0) {
    console.error(`bench:check failed: test-only code in the Worker script: ${testOnly.join(', ')}`)
    process.exitCode = 1
  } else {
    console.log(`bench:check ok: the Worker script holds ${TEST_ONLY_SUMMARY}`)
  }
} catch (error) {
  console.error(`bench:check: the Worker did not bundle (run \`npm run build:workers\`):`)
  console.error((error as Error).message)
  process.exitCode = 1
}
