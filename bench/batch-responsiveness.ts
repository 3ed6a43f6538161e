// 11. Batch runs: a 1,000-row CSV of nearly 5 MB chosen, checked and run on a text generator's
// page, against the same flow with one row. The page must never block for over 50 ms.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { BENCH_FORM, serveGeneratorUpstream } from './batch/generator-upstream.ts'
import { describeBreakdown, mainThreadTasks, TASK_CATEGORIES } from './lib/browser.ts'
import { spawnServer, writeTempConfig } from './lib/processes.ts'
import { row, type Section } from './lib/report.ts'
import { sleep } from './lib/stats.ts'

const LONG_TASK_MS = 50
const PHASES = { check: 'file chosen → checked', run: 'Run → all done' } as const
const ROWS = 1000
/** Per row: a CJK-heavy paragraph, so the whole file lands just under the 5 MB limit. */
const NOTES_CHARS = 2700

/** The main thread over one phase of a batch, from a Chrome trace. */
interface PhaseTasks {
  longestMs: number
  longestCpuMs: number
  tasksOver50: number
  busyMs: number
  /** Where the longest task's time went (script, style, layout, GC…). */
  longestBreakdown: string
  wallMs: number
}

interface BatchMeasure {
  /** File chosen → every row checked and listed. */
  check: PhaseTasks
  /** Run pressed → the last row done. */
  run: PhaseTasks
  fileBytes: number
}

/** A batch file of `rows` rows for BENCH_FORM, with a BOM as Excel saves it. */
export function benchCsv(rows: number): Buffer {
  const notes = '長い段落のテキスト, with "quotes" and commas; 한국어 문장도 있습니다.\n'
  const cell = `"${notes
    .repeat(Math.ceil(NOTES_CHARS / notes.length))
    .slice(0, NOTES_CHARS)
    .replace(/"/g, '""')}"`
  const lines = Array.from({ length: rows }, (_, index) => `Topic ${index + 1},${cell}`)
  const header = BENCH_FORM.map((item) => Object.values(item)[0]!.variable).join(',')
  return Buffer.from(`\ufeff${header}\r\n${lines.join('\r\n')}\r\n`)
}

/** Traces `work` on the page's main thread. */
async function tracePhase(browser: Browser, page: Page, work: () => Promise<void>) {
  await browser.startTracing(page, { categories: TASK_CATEGORIES })
  // Tracing reaches the renderer process a moment after the browser acknowledges it.
  await sleep(1000)
  const started = Date.now()
  await work()
  const wallMs = Date.now() - started
  await sleep(300)
  const tasks = mainThreadTasks(await browser.stopTracing())
  return {
    longestMs: tasks.longest.ms,
    longestCpuMs: Math.max(0, ...tasks.cpuDurations),
    tasksOver50: tasks.durations.filter((ms) => ms > LONG_TASK_MS).length,
    busyMs: tasks.durations.reduce((sum, ms) => sum + ms, 0),
    longestBreakdown: describeBreakdown(tasks.longest.breakdown),
    wallMs,
  }
}

async function measureBatch(
  browser: Browser,
  pageUrl: string,
  rows: number,
): Promise<BatchMeasure> {
  const context = await browser.newContext()
  const page = await context.newPage()
  try {
    await page.goto(pageUrl)
    await openBatchTab(page)
    const file = benchCsv(rows)
    // A file on disk, as a visitor picks one: a buffer would be sent into the page as base64
    // and decoded there by Playwright, on the very thread being measured.
    const dir = mkdtempSync(join(tmpdir(), 'chatskins-batch-'))
    const path = join(dir, 'rows.csv')
    writeFileSync(path, file)
    const check = await tracePhase(browser, page, async () => {
      await page.locator('[data-part="batch-upload"] input').setInputFiles(path)
      await page.locator('[data-part="batch-run"]').waitFor({ timeout: 60_000 })
    })
    const run = await tracePhase(browser, page, async () => {
      await page.locator('[data-part="batch-run"]').click()
      await page
        .locator('[data-part="batch-controls"][data-phase="done"]')
        .waitFor({ timeout: 600_000 })
    })
    const done = await page.locator('[data-part="batch-row"][data-status="succeeded"]').count()
    if (done === 0) throw new Error('no row of the batch succeeded')
    rmSync(dir, { recursive: true, force: true })
    return { check, run, fileBytes: file.length }
  } finally {
    await context.close()
  }
}

async function openBatchTab(page: Page) {
  await page.locator('#chatskins-tab-batch').click()
  await page.locator('[data-part="batch-upload"] input').waitFor({ state: 'attached' })
}

export async function measureBatchRuns(browser: Browser): Promise<Section> {
  const upstream = await serveGeneratorUpstream(Array.from({ length: 20 }, (_, i) => `word${i} `))
  const config = writeTempConfig({
    endpoints: [
      {
        id: 'batch',
        theme: 'minimal',
        botName: 'Bench',
        locale: 'en',
        app: 'completion',
        dify: { apiBase: upstream.apiBase, apiKey: 'app-bench' },
        rateLimit: { perVisitorPerMinute: 10_000, perIpPerMinute: 100_000 },
      },
    ],
  })
  const server = await spawnServer({ env: { CHATSKINS_CONFIG: config.path } })
  try {
    const pageUrl = `${server.url}/batch/`
    const one = await measureBatch(browser, pageUrl, 1)
    const full = await measureBatch(browser, pageUrl, ROWS)
    const mb = (full.fileBytes / 1024 / 1024).toFixed(2)
    return {
      id: 'batch',
      title: '11. Batch runs: a 1,000-row CSV on a text generator page',
      rows: [
        ...(['check', 'run'] as const).flatMap((phase) => {
          const [measured, baseline] = [full[phase], one[phase]]
          const cpu = row({
            label: `${ROWS} rows, ${PHASES[phase]}: longest task, thread CPU time`,
            value: measured.longestCpuMs,
            unit: 'ms',
            baseline: { label: 'one row', value: baseline.longestCpuMs },
            target: `≤ ${LONG_TASK_MS} ms`,
            met: measured.longestCpuMs <= LONG_TASK_MS,
            note: 'without the time a task waited for a core on a busy machine',
          })
          const wall = row({
            label: `${ROWS} rows (${mb} MB), ${PHASES[phase]}: longest main-thread task`,
            value: measured.longestMs,
            unit: 'ms',
            baseline: { label: 'one row', value: baseline.longestMs },
            target: `≤ ${LONG_TASK_MS} ms`,
            met: measured.longestMs <= LONG_TASK_MS,
            note:
              `${measured.tasksOver50} task(s) over ${LONG_TASK_MS} ms; longest thread CPU ` +
              `${measured.longestCpuMs.toFixed(0)} ms (${measured.longestBreakdown}); busy ` +
              `${measured.busyMs.toFixed(0)} ms of ${measured.wallMs.toFixed(0)} ms`,
          })
          return [wall, cpu]
        }),
        row({
          label: `${ROWS} rows: file chosen → every row checked and listed`,
          value: full.check.wallMs,
          unit: 'ms',
          baseline: { label: 'one row', value: one.check.wallMs },
        }),
        row({
          label: `${ROWS} rows: Run → the last row done (${upstream.runs() - 1} runs over /run)`,
          value: full.run.wallMs,
          unit: 'ms',
          baseline: { label: 'one row', value: one.run.wallMs },
        }),
      ],
      notes: [
        'The upstream answers every run at once (20 message records), so the time is the ' +
          "page's and the relay's; concurrency is the endpoint default (3).",
      ],
      details: { one, full },
    }
  } finally {
    await server.stop()
    await upstream.close()
    config.remove()
  }
}
