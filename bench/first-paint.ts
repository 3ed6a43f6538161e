// 2. First paint and interactive of each theme page in Chromium: cold, 4× CPU throttling.
import type { Browser } from '@playwright/test'
import { row, type Row, type Section } from './lib/report.ts'
import { themeLocale } from './lib/first-load.ts'
import { servePages } from './lib/static-server.ts'
import { median, sleep } from './lib/stats.ts'

const THROTTLE = 4
const QUIET_MS = 1000

/** The same-run baseline: the smallest page with text and a text box, from a plain node:http. */
const BASELINE_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title></head>' +
  '<body><p>Hello.</p><textarea data-part="input"></textarea></body></html>'

/** Runs before the page's own scripts: records long tasks and when the composer appears. */
const PROBE = `(() => {
  const bench = { longTasks: [], composer: null }
  window.__bench = bench
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push([entry.startTime, entry.duration])
    }).observe({ type: 'longtask', buffered: true })
  } catch {}
  const check = () => {
    if (bench.composer === null && document.querySelector('textarea[data-part="input"]')) {
      bench.composer = performance.now()
    }
  }
  new MutationObserver(check).observe(document, { childList: true, subtree: true })
})()`

interface Load {
  firstPaint: number
  firstContentfulPaint: number
  /** The composer is on the page and no long task ran for QUIET_MS after it. */
  interactive: number
  longTasks: number
}

interface BenchGlobals {
  __bench: { longTasks: Array<[number, number]>; composer: number | null }
}

async function loadCold(browser: Browser, url: string, locale: string): Promise<Load> {
  const context = await browser.newContext({ locale })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE })
  await page.addInitScript(PROBE)
  await page.goto(url, { waitUntil: 'load' })
  await page.waitForFunction(
    () => (window as unknown as BenchGlobals).__bench.composer !== null,
    null,
    {
      timeout: 15_000,
    },
  )
  const deadline = Date.now() + 15_000
  let state: { now: number; composer: number; lastTaskEnd: number; count: number }
  for (;;) {
    state = await page.evaluate(() => {
      const bench = (window as unknown as BenchGlobals).__bench
      const ends = bench.longTasks.map(([start, duration]) => start + duration)
      return {
        now: performance.now(),
        composer: bench.composer ?? 0,
        lastTaskEnd: Math.max(0, ...ends),
        count: ends.length,
      }
    })
    if (state.now - Math.max(state.composer, state.lastTaskEnd) >= QUIET_MS) break
    if (Date.now() > deadline) break
    await sleep(100)
  }
  const paints = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime])),
  )
  await context.close()
  return {
    firstPaint: paints['first-paint'] ?? NaN,
    firstContentfulPaint: paints['first-contentful-paint'] ?? NaN,
    interactive: Math.max(state.composer, state.lastTaskEnd, paints['first-contentful-paint'] ?? 0),
    longTasks: state.count,
  }
}

/** Measures that the throttle really applies after navigation: a fixed loop, with and without. */
async function checkThrottle(browser: Browser, url: string): Promise<number> {
  const loop = () => {
    const start = performance.now()
    let x = 0
    for (let i = 0; i < 5_000_000; i++) x = (x + i) % 7919
    return performance.now() - start + (x < 0 ? 1 : 0)
  }
  const time = async (rate: number) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate })
    await page.goto(url)
    await page.evaluate(loop)
    const ms = median([
      await page.evaluate(loop),
      await page.evaluate(loop),
      await page.evaluate(loop),
    ])
    await context.close()
    return ms
  }
  return (await time(THROTTLE)) / (await time(1))
}

export async function measureFirstPaint(
  browser: Browser,
  serverUrl: string,
  themes: readonly string[],
  reps: number,
): Promise<Section> {
  const baselineServer = await servePages({
    '/': { body: BASELINE_HTML, contentType: 'text/html; charset=utf-8' },
  })
  try {
    const effective = await checkThrottle(browser, baselineServer.url)
    // Each theme is opened by a browser that speaks its language, as its audience would.
    const pages = [
      { name: 'baseline', url: `${baselineServer.url}/`, locale: 'en' },
      ...themes.map((theme) => ({
        name: theme,
        url: `${serverUrl}/${theme}/`,
        locale: themeLocale(theme),
      })),
    ]
    const loads = new Map<string, Load[]>(pages.map((p) => [p.name, []]))
    // Interleaved, so a slow moment of the shared machine hits every page alike.
    const retried: string[] = []
    for (let rep = 0; rep < reps; rep++) {
      for (const p of pages) {
        // One retry: a load can fail when the machine stalls or dist/ is being rebuilt.
        const load = await loadCold(browser, p.url, p.locale).catch((error: unknown) => {
          retried.push(`${p.name}: ${(error as Error).message.split('\n')[0]}`)
          return loadCold(browser, p.url, p.locale)
        })
        loads.get(p.name)!.push(load)
      }
    }
    const med = (name: string, key: keyof Load) => median(loads.get(name)!.map((load) => load[key]))
    const base = {
      fcp: med('baseline', 'firstContentfulPaint'),
      interactive: med('baseline', 'interactive'),
    }
    const rows: Row[] = [
      row({ label: 'baseline page: first contentful paint', value: base.fcp, unit: 'ms' }),
      row({ label: 'baseline page: interactive', value: base.interactive, unit: 'ms' }),
    ]
    for (const theme of themes) {
      rows.push(
        row({
          label: `${theme}: first contentful paint`,
          value: med(theme, 'firstContentfulPaint'),
          unit: 'ms',
          baseline: { label: 'baseline page', value: base.fcp },
        }),
        row({
          label: `${theme}: interactive`,
          value: med(theme, 'interactive'),
          unit: 'ms',
          baseline: { label: 'baseline page', value: base.interactive },
          note: `long tasks during load (median): ${med(theme, 'longTasks')}`,
        }),
      )
    }
    return {
      id: 'first-paint',
      title:
        `2. First paint and interactive, cold, ${THROTTLE}× CPU throttling ` +
        `(median of ${reps})`,
      rows,
      notes: [
        'Each load is a fresh browser context with the HTTP cache disabled, on loopback (no ' +
          'network latency emulated). Times are from navigation start. "Interactive" = the ' +
          `composer is in the DOM and no long task (> 50 ms) ran for ${QUIET_MS} ms after it: ` +
          'the latest of first contentful paint, the composer appearing and the end of the last ' +
          'long task (a short-window TTI).',
        'Baseline: a static HTML page with one paragraph and a textarea from a plain node:http ' +
          'server, same throttling. Throttle check: a fixed JS loop ran ' +
          `${effective.toFixed(1)}× slower with throttling than without.`,
        ...(effective < THROTTLE * 0.75
          ? [
              `The throttle check shows ${effective.toFixed(1)}× instead of ${THROTTLE}×: the ` +
                'machine was too busy for the throttled run to differ much from an unthrottled one, ' +
                'so these loads measure contention more than the page.',
            ]
          : []),
        ...(retried.length > 0
          ? [`Loads retried once after a failure: ${retried.join('; ')}.`]
          : []),
      ],
      details: { loads: Object.fromEntries(loads), retried },
    }
  } finally {
    await baselineServer.close()
  }
}
