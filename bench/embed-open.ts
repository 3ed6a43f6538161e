// 6. The embed on a host page (issue 14): what embed.js costs the host's main thread, and how
// long a click on the launcher takes to give a ready composer, at 4× CPU throttling, with the
// panel preloaded and cold. Dify's bubble is reported at 3–5 s to a usable chat on first open.
import { createServer } from 'node:net'
import { chromium, type Browser, type Page } from '@playwright/test'
import { findChromium } from '../scripts/find-chromium.ts'
import { TASK_CATEGORIES, type TraceEvent } from './lib/browser.ts'
import { EMBED_BUDGET, embedScript } from './lib/embed-script.ts'
import { spawnServer, writeTempConfig } from './lib/processes.ts'
import { row, type Section } from './lib/report.ts'
import { median } from './lib/stats.ts'

const THROTTLE = 4
/** A visitor far from the chat server: every request chain costs this per link. */
const DISTANT_RTT_MS = 100
const EMBED_SCRIPT_URL = /\/embed(-config)?\.js/

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.once('error', reject)
  })
}

/**
 * Shared: one renderer for host and panel, so one throttle slows both, the panel made on the
 * click included. Isolated: the panel in its own process, as desktop Chromium runs another site.
 */
function launch(renderer: 'shared' | 'isolated'): Promise<Browser> {
  const shared = renderer === 'shared'
  return chromium.launch({
    executablePath: findChromium()!,
    args: [
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
      `--disable-features=LocalNetworkAccessChecks${shared ? ',IsolateOrigins,site-per-process' : ''}`,
      ...(shared ? ['--disable-site-isolation-trials'] : []),
    ],
  })
}

/**
 * Marks the click (host), and in the panel the composer's focus and the first starter question
 * (the greeting and starters are on screen), on one clock. The panel posts its marks to the host
 * page: reading them in the panel would have Playwright evaluate its own script there, on the
 * panel's main thread, while the open is being timed.
 */
const MARKS = `
  const now = () => performance.timeOrigin + performance.now()
  if (window === top) {
    addEventListener('pointerdown', () => { globalThis.__clickAt ??= now() }, true)
    addEventListener('message', (event) => {
      const mark = event.data?.benchMark
      if (mark === 'ready' || mark === 'welcome') globalThis['__' + mark + 'At'] ??= event.data.at
    })
  } else {
    addEventListener('focusin', (event) => {
      if (event.target.id === 'chatskins-input') parent.postMessage({ benchMark: 'ready', at: now() }, '*')
    })
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-part=empty] [data-part=suggestion]')) return
      parent.postMessage({ benchMark: 'welcome', at: now() }, '*')
      observer.disconnect()
    }).observe(document, { childList: true, subtree: true })
  }
`
/** Cold: no preload when idle (the pointer reaching the launcher still starts it, on the click). */
const NO_IDLE_PRELOAD = `if (window === top) window.requestIdleCallback = () => 0`

/**
 * Preloaded: the panel loaded while the page was idle. Cold: a first visit, clicked before any
 * preload. Returning: cold again, on a later visit of the same browser (its HTTP cache and the
 * panel's cached greeting and starters from the first). Distant: cold, with a 100 ms round trip
 * to the chat server (loopback has none, so it can't show a chunk that waits for another).
 */
type Visit = 'preloaded' | 'cold' | 'returning' | 'distant'

/** A mark the host page holds: the click, or one its panel posted. */
function markOf(page: Page, name: '__clickAt' | '__readyAt' | '__welcomeAt') {
  return page.evaluate((mark) => (globalThis as Record<string, unknown>)[mark] as number, name)
}

/** Click → composer focused, and click → greeting and starters shown, in ms. */
async function clickToComposer(browser: Browser, shop: string, visit: Visit) {
  const context = await browser.newContext()
  await context.addInitScript(MARKS)
  if (visit === 'returning') {
    const first = await context.newPage()
    await routeShop(first, shop)
    await first.goto(shop)
    await first.locator('[data-part=launcher]').hover()
    while (!(await markOf(first, '__welcomeAt'))) await first.waitForTimeout(50)
    await first.close()
  }
  if (visit !== 'preloaded') await context.addInitScript(NO_IDLE_PRELOAD)
  const page = await context.newPage()
  await routeShop(page, shop)
  await page.goto(shop)
  await page.locator('[data-part=launcher]').waitFor()
  if (visit === 'preloaded') {
    while (!(await markOf(page, '__welcomeAt'))) await page.waitForTimeout(50)
  }
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE })
  if (visit === 'distant') {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: DISTANT_RTT_MS,
      downloadThroughput: -1,
      uploadThroughput: -1,
    })
  }
  await page.locator('[data-part=launcher]').click()
  let readyAt: number | undefined
  let welcomeAt: number | undefined
  while (!readyAt || !welcomeAt) {
    readyAt = await markOf(page, '__readyAt')
    welcomeAt = await markOf(page, '__welcomeAt')
    if (!readyAt || !welcomeAt) await page.waitForTimeout(20)
  }
  const clickAt = await markOf(page, '__clickAt')
  await context.close()
  // A preloaded panel showed its welcome before the click.
  return { composer: readyAt - clickAt, welcome: Math.max(0, welcomeAt - clickAt) }
}

/** Main-thread tasks that run embed.js or its config module on a host page, in ms. */
async function hostBlocking(browser: Browser, shop: string) {
  const page = await browser.newPage()
  await routeShop(page, shop)
  await browser.startTracing(page, { categories: TASK_CATEGORIES })
  await page.goto(shop)
  await page.locator('[data-part=launcher]').waitFor()
  await page.waitForTimeout(500)
  const trace = await browser.stopTracing()
  await page.close()
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }
  const complete = traceEvents.filter((event) => event.ph === 'X' && event.dur !== undefined)
  const tasks = complete.filter((event) => event.name === 'RunTask')
  const runsEmbed = (event: TraceEvent) => {
    const data = event.args?.data as { url?: string } | undefined
    return EMBED_SCRIPT_URL.test(data?.url ?? String(event.args?.fileName ?? ''))
  }
  const embedEvents = complete.filter(runsEmbed)
  const blocking = tasks.filter((task) =>
    embedEvents.some(
      (event) =>
        event.pid === task.pid &&
        event.tid === task.tid &&
        event.ts >= task.ts &&
        event.ts <= task.ts + task.dur!,
    ),
  )
  // Thread time: on a shared machine a task's wall time includes waiting for a core.
  const durations = blocking.map((task) => (task.tdur ?? task.dur!) / 1000)
  return { total: durations.reduce((a, b) => a + b, 0), longest: Math.max(0, ...durations) }
}

async function routeShop(page: Page, shop: string) {
  const chat = `http://127.0.0.1:${new URL(shop).port}`
  const html = `<!doctype html><html lang="en"><title>Shop</title><main><h1>Shop</h1></main>
    <script src="${chat}/embed.js" data-endpoint="shop-chat" async></script></html>`
  await page.route(shop, (route) => route.fulfill({ contentType: 'text/html', body: html }))
}

export async function measureEmbed(reps: number): Promise<Section> {
  const port = await freePort()
  const shop = `http://localhost:${port}/shop`
  const config = writeTempConfig({
    endpoints: [
      {
        id: 'shop-chat',
        theme: 'minimal',
        dify: { demo: true },
        embedOrigins: [`http://localhost:${port}`],
      },
    ],
  })
  const server = await spawnServer({ env: { PORT: String(port), CHATSKINS_CONFIG: config.path } })
  const browser = await launch('shared')
  const isolated = await launch('isolated')
  try {
    const blocking = []
    const opens: Record<Visit, Array<{ composer: number; welcome: number }>> = {
      preloaded: [],
      cold: [],
      returning: [],
      distant: [],
    }
    for (let rep = 0; rep < reps; rep++) {
      blocking.push(await hostBlocking(isolated, shop))
      for (const visit of ['preloaded', 'cold', 'returning', 'distant'] as const) {
        opens[visit].push(await clickToComposer(browser, shop, visit))
      }
    }
    const script = embedScript()
    const blocked = median(blocking.map((run) => run.total))
    const medianOf = (visit: Visit, what: 'composer' | 'welcome') =>
      median(opens[visit].map((open) => open[what]))
    const openRow = (visit: Visit, label: string, budget: number, reference = '') =>
      row({
        label: `click → composer ready, ${label}`,
        value: medianOf(visit, 'composer'),
        unit: 'ms',
        target: `≤ ${budget} ms${reference}`,
        met: medianOf(visit, 'composer') <= budget,
      })
    const welcomeRow = (visit: Visit, label: string) =>
      row({
        label: `click → greeting and starters shown, ${label}`,
        value: medianOf(visit, 'welcome'),
        unit: 'ms',
        target: 'no budget: shows the cache at work',
      })
    return {
      id: 'embed',
      title: `6. Embed on a host page (median of ${reps}; clicks at ${THROTTLE}× CPU throttling)`,
      rows: [
        row({
          label: 'embed.js, gzip -9',
          value: script.gzip / 1024,
          unit: 'KB',
          target: `≤ ${EMBED_BUDGET.scriptGzip / 1024} KB`,
          met: script.gzip <= EMBED_BUDGET.scriptGzip,
        }),
        row({
          label: 'host main thread: tasks running embed.js (thread time)',
          value: blocked,
          unit: 'ms',
          target: `≤ ${EMBED_BUDGET.hostBlockedMs} ms`,
          met: blocked <= EMBED_BUDGET.hostBlockedMs,
        }),
        openRow('preloaded', 'preloaded', EMBED_BUDGET.openPreloadedMs),
        openRow('cold', 'cold', EMBED_BUDGET.openColdMs, " (Dify's bubble: 3–5 s reported)"),
        openRow('returning', 'cold, returning visitor', EMBED_BUDGET.openColdMs),
        row({
          label: `click → composer ready, cold, ${DISTANT_RTT_MS} ms round trip`,
          value: medianOf('distant', 'composer'),
          unit: 'ms',
          target: 'no budget: each chained request costs a round trip',
        }),
        welcomeRow('cold', 'cold'),
        welcomeRow('returning', 'cold, returning visitor'),
      ],
      notes: [
        'Clicks: host and panel share one renderer (site isolation off) so the throttle covers ' +
          'the panel made on the click. Host thread: site isolation on, as on desktop Chromium.',
      ],
      details: { blocking, opens },
    }
  } finally {
    await browser.close()
    await isolated.close()
    await server.stop()
    config.remove()
  }
}
