// 6. The Cloudflare Worker: its script size, and its cold start in workerd under `wrangler dev`.
import { performance } from 'node:perf_hooks'
import { startWranglerDev } from '../server/workers/wrangler-dev.ts'
import { row, type Section } from './lib/report.ts'
import { median } from './lib/stats.ts'
import { measureWorkerBundle, WORKER_BUDGET_GZIP } from './lib/worker-bundle.ts'

interface ColdStart {
  /** Spawning wrangler until it says Ready (bundling, workerd up). */
  ready: number
  /** Then the first page: the isolate runs the script and builds the app. */
  firstPage: number
  /** The same page again, warm. */
  warmPage: number
}

async function timedPage(url: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${url}/minimal/`)
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`GET /minimal/ answered ${response.status}`)
  return performance.now() - started
}

async function coldStart(): Promise<ColdStart> {
  const started = performance.now()
  const worker = await startWranglerDev()
  try {
    const ready = performance.now() - started
    const firstPage = await timedPage(worker.url)
    return { ready, firstPage, warmPage: await timedPage(worker.url) }
  } finally {
    await worker.close()
  }
}

export async function measureWorkers(reps: number): Promise<Section> {
  const bundle = await measureWorkerBundle()
  const runs: ColdStart[] = []
  for (let rep = 0; rep < reps; rep++) runs.push(await coldStart())
  const of = (key: keyof ColdStart) => median(runs.map((run) => run[key]))
  return {
    id: 'workers',
    title: `6. Cloudflare Worker (cold start: median of ${reps})`,
    rows: [
      row({
        label: 'Worker script, gzip -9',
        value: bundle.gzip / 1024,
        unit: 'KB',
        target: `≤ ${WORKER_BUDGET_GZIP / 1024} KB`,
        met: bundle.gzip <= WORKER_BUDGET_GZIP,
      }),
      row({ label: 'Worker script, raw', value: bundle.raw / 1024, unit: 'KB' }),
      row({ label: 'wrangler dev: spawn → ready', value: of('ready'), unit: 'ms' }),
      row({
        label: 'first page in a fresh isolate (GET /minimal/ 200)',
        value: of('firstPage'),
        unit: 'ms',
        baseline: { label: 'warm page', value: of('warmPage') },
      }),
      row({ label: 'spawn → first page', value: of('ready') + of('firstPage'), unit: 'ms' }),
    ],
    notes: [
      'The script as `wrangler deploy --dry-run` bundles it; the static assets upload apart.',
      '`wrangler dev --local` in demo mode; "ready" includes bundling with esbuild and starting ' +
        'workerd, which a deployed Worker does not pay. The first page is the nearest local ' +
        'stand-in for a cold isolate on Cloudflare; the ratio is against a warm page.',
    ],
    details: { bundle, runs },
  }
}
