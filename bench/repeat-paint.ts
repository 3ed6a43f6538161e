// 11. First paint on a repeat visit, served by the service worker, beside a cold visit.
import type { Browser, BrowserContext } from '@playwright/test'
import { row, type Row, type Section } from './lib/report.ts'
import { themeLocale } from './lib/first-load.ts'
import { median } from './lib/stats.ts'

const THROTTLE = 4

interface Visit {
  firstContentfulPaint: number
  /** Responses the service worker answered, of all the page's responses. */
  fromWorker: number
  responses: number
}

/** One navigation in `context` with the HTTP cache off and the CPU throttled. */
async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE })
  let fromWorker = 0
  let responses = 0
  page.on('response', (response) => {
    responses++
    if (response.fromServiceWorker()) fromWorker++
  })
  await page.goto(url, { waitUntil: 'load' })
  await page.waitForSelector('textarea[data-part="input"]', { timeout: 15_000 })
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  )
  await page.close()
  return { firstContentfulPaint: fcp, fromWorker, responses }
}

/** A fresh context's first visit, then (after its service worker is ready) a second one. */
async function coldThenRepeat(browser: Browser, url: string, locale: string) {
  const context = await browser.newContext({ locale })
  try {
    const cold = await visit(context, url)
    const page = await context.newPage()
    await page.goto(url)
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    await page.close()
    return { cold, repeat: await visit(context, url) }
  } finally {
    await context.close()
  }
}

export async function measureRepeatPaint(
  browser: Browser,
  serverUrl: string,
  themes: readonly string[],
  reps: number,
): Promise<Section> {
  const visits = new Map(
    themes.map((theme) => [theme, [] as Array<{ cold: Visit; repeat: Visit }>]),
  )
  // Interleaved, so a slow moment of the shared machine hits every theme alike.
  for (let rep = 0; rep < reps; rep++) {
    for (const theme of themes) {
      visits
        .get(theme)!
        .push(await coldThenRepeat(browser, `${serverUrl}/${theme}/`, themeLocale(theme)))
    }
  }
  const rows: Row[] = []
  for (const theme of themes) {
    const runs = visits.get(theme)!
    const cold = median(runs.map((run) => run.cold.firstContentfulPaint))
    const repeat = median(runs.map((run) => run.repeat.firstContentfulPaint))
    const served = runs.at(-1)!.repeat
    rows.push(
      row({ label: `${theme}: first contentful paint, cold`, value: cold, unit: 'ms' }),
      row({
        label: `${theme}: first contentful paint, repeat visit`,
        value: repeat,
        unit: 'ms',
        baseline: { label: 'cold', value: cold },
        note: `${served.fromWorker} of ${served.responses} responses from the service worker`,
      }),
    )
  }
  return {
    id: 'repeat-paint',
    title: `11. First paint, cold and repeat visit, ${THROTTLE}× CPU throttling (median of ${reps})`,
    rows,
    notes: [
      'Cold: a fresh browser context. Repeat: the same context after the service worker of the ' +
        'first visit is ready. The HTTP cache is disabled on both, so what the repeat visit gains ' +
        "is the service worker's: the page itself, /api and fonts CSS still come from the network.",
    ],
  }
}
