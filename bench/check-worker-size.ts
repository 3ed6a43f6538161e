// Part of `npm run bench:check`: fails (exit 1) when the Cloudflare Worker's script, gzip level 9,
// exceeds its budget. Needs `npm run build:workers` first.
import { measureWorkerBundle, WORKER_BUDGET_GZIP } from './lib/worker-bundle.ts'

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`

try {
  const { raw, gzip } = await measureWorkerBundle()
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
} catch (error) {
  console.error(`bench:check: the Worker did not bundle (run \`npm run build:workers\`):`)
  console.error((error as Error).message)
  process.exitCode = 1
}
