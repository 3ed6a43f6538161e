import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { OFFLINE_WRANGLER_ENV } from '../../server/workers/wrangler-dev.ts'
import { ROOT } from './first-load.ts'

/** The Worker script's gzip size we hold it to; Cloudflare's own limit is 3 MB on the Free plan. */
export const WORKER_BUDGET_GZIP = 128 * 1024

export interface WorkerBundle {
  raw: number
  gzip: number
  /** The script itself, for checks of what it carries. */
  text: string
}

/**
 * The Worker script exactly as `wrangler deploy` would upload it (`--dry-run`, offline), without
 * the static assets, which are uploaded apart. Needs `npm run build:workers` first.
 */
export async function measureWorkerBundle(): Promise<WorkerBundle> {
  const out = mkdtempSync(join(tmpdir(), 'chatskins-worker-bundle-'))
  try {
    await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/wrangler'),
      ['deploy', '--dry-run', '--outdir', out],
      { cwd: ROOT, env: { ...process.env, ...OFFLINE_WRANGLER_ENV } },
    )
    const script = readFileSync(join(out, 'worker.js'))
    return {
      raw: script.length,
      gzip: gzipSync(script, { level: 9 }).length,
      text: script.toString('latin1'),
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}
