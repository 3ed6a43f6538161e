// 11. Batch runs: a 1,000-row CSV of nearly 5 MB chosen, checked and run on a text generator's
// page, against the same flow with one row. The page must never block for over 50 ms.
import type { Browser, Page } from '@playwright/test'
import { BENCH_FORM, serveGeneratorUpstream } from './batch/generator-upstream.ts'
import { mainThreadTasks, TASK_CATEGORIES } from './lib/browser.ts'
import { spawnServer, writeTempConfig } from './lib/processes.ts'
import { row, type Section } from './lib/report.ts'
import { sleep } from './lib/stats.ts'

const LONG_TASK_MS = 50
const ROWS = 1000
/** Per row: a CJK-heavy paragraph, so the whole file lands just under the 5 MB limit. */
const NOTES_CHARS = 1600

interface BatchMeasure {
  longestMs: number
  longestCpuMs: number
  tasksOver50: number
  busyMs: number
  /** File chosen → every row checked and listed, ms. */
  checkedMs: number
  /** Run pressed → the last row done, ms. */
  runMs: number
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
    await browser.startTracing(page, { categories: TASK_CATEGORIES })
    // Tracing reaches the renderer process a moment after the browser acknowledges it.
    await sleep(1000)
    const chosen = Date.now()
    await page
      .locator('[data-part="batch-upload"] input')
      .setInputFiles({ name: 'rows.csv', mimeType: 'text/csv', buffer: file })
    await page.locator('[data-part="batch-run"]').waitFor({ timeout: 60_000 })
    const checkedMs = Date.now() - chosen
    const started = Date.now()
    await page.locator('[data-part="batch-run"]').click()
    await page
      .locator('[data-part="batch-controls"][data-phase="done"]')
      .waitFor({ timeout: 600_000 })
    const runMs = Date.now() - started
    const done = await page.locator('[data-part="batch-row"][data-status="succeeded"]').count()
    if (done === 0) throw new Error('no row of the batch succeeded')
    await sleep(500)
    const tasks = mainThreadTasks(await browser.stopTracing())
    const over = tasks.durations.filter((ms) => ms > LONG_TASK_MS)
    return {
      longestMs: tasks.longest.ms,
      longestCpuMs: Math.max(0, ...tasks.cpuDurations),
      tasksOver50: over.length,
      busyMs: tasks.durations.reduce((sum, ms) => sum + ms, 0),
      checkedMs,
      runMs,
      fileBytes: file.length,
    }
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
        row({
          label: `${ROWS} rows (${mb} MB): longest main-thread task, file chosen → all done`,
          value: full.longestMs,
          unit: 'ms',
          baseline: { label: 'one row', value: one.longestMs },
          target: `≤ ${LONG_TASK_MS} ms`,
          met: full.longestMs <= LONG_TASK_MS,
          note:
            `${full.tasksOver50} task(s) over ${LONG_TASK_MS} ms; longest task's thread CPU ` +
            `${full.longestCpuMs.toFixed(0)} ms; main thread busy ${full.busyMs.toFixed(0)} ms`,
        }),
        row({
          label: `${ROWS} rows: file chosen → every row checked and listed`,
          value: full.checkedMs,
          unit: 'ms',
          baseline: { label: 'one row', value: one.checkedMs },
        }),
        row({
          label: `${ROWS} rows: Run → the last row done (${upstream.runs() - 1} runs over /run)`,
          value: full.runMs,
          unit: 'ms',
          baseline: { label: 'one row', value: one.runMs },
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
