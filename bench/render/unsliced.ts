import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { build, type Rollup } from 'vite'
import { mainThreadTasks, TASK_CATEGORIES } from '../lib/browser.ts'
import { ROOT } from '../lib/first-load.ts'
import { sleep, sum } from '../lib/stats.ts'

export interface UnslicedResult {
  busyMs: number
  longestMs: number
  longestCpuMs: number
}

/** The page side (unsliced-entry.ts) as one classic script. */
async function bundle(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: join(ROOT, 'bench/render/unsliced-entry.ts'),
        formats: ['iife'],
        name: 'unsliced',
      },
    },
  })) as Rollup.RollupOutput[]
  const chunk = output[0]?.output.find((item) => item.type === 'chunk')
  if (!chunk) throw new Error('unsliced baseline: the bundle has no script')
  return chunk.code
}

/**
 * The final text rendered once, not sliced, in the real chat page: after a warm-up turn, the
 * client's renderer writes the whole answer into that turn's bubble and highlights every code
 * block in one task; the trace covers that task and the style, layout and paint after it.
 */
export async function measureUnsliced(
  browser: Browser,
  pageUrl: string,
  answer: string,
): Promise<UnslicedResult> {
  const script = await bundle()
  // The page's CSP allows only its own scripts; the injected baseline is not one.
  const context = await browser.newContext({ bypassCSP: true })
  const page = await context.newPage()
  try {
    await page.goto(pageUrl)
    const input = page.locator('textarea[data-part="input"]')
    await input.fill('warm')
    await input.press('Enter')
    await page.waitForSelector('article[data-role="bot"][data-state="done"] .hljs')
    await page.addScriptTag({ content: script })
    await sleep(300)
    await browser.startTracing(page, { categories: TASK_CATEGORIES })
    await sleep(1000)
    await page.evaluate(
      (text) =>
        new Promise<void>((resolve) => {
          const bubble = document.querySelector('article[data-role="bot"] [data-part="content"]')
          setTimeout(() => {
            if (bubble) window.renderUnsliced(text, bubble)
            // Resolve after the frame that shows it.
            requestAnimationFrame(() => setTimeout(resolve, 0))
          }, 0)
        }),
      answer,
    )
    await sleep(500)
    const tasks = mainThreadTasks(await browser.stopTracing())
    return {
      busyMs: sum(tasks.durations),
      longestMs: Math.max(0, ...tasks.durations),
      longestCpuMs: Math.max(0, ...tasks.cpuDurations),
    }
  } finally {
    await context.close()
  }
}
