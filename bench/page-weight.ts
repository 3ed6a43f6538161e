// 1. Page weight per theme: what Chromium fetches on the first load of `/:id/`, before any answer.
import type { Browser } from '@playwright/test'
import {
  BUDGET,
  gzipSize,
  lazyScripts,
  localeChunks,
  readTemplate,
  staticFirstLoad,
  themeLocale,
  total,
} from './lib/first-load.ts'
import { row, type Row, type Section } from './lib/report.ts'
import { KB, sleep } from './lib/stats.ts'

interface Fetched {
  path: string
  type: string
  status: number
  /** Bytes on the wire (headers included), from Network.loadingFinished. */
  transferred: number
  /** Body bytes before compression, and gzip -9 of the body (JS and CSS only). */
  raw: number
  gzip: number
  error?: string
}

export interface ThemeWeight {
  theme: string
  initialJs: Fetched[]
  lazyJs: Fetched[]
  css: Fetched[]
  fonts: Fetched[]
  document: Fetched[]
  other: Fetched[]
  failed: Fetched[]
  /** The UI dictionary the page loaded (the browser's language wins over the endpoint's). */
  locale?: string
}

/** Loads one theme page in a fresh context with the cache off and records every response. */
async function weighPage(browser: Browser, url: string, theme: string): Promise<ThemeWeight> {
  // A visitor whose browser speaks the theme's language (it picks the UI dictionary).
  const context = await browser.newContext({ locale: themeLocale(theme) })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const responses = new Map<string, { path: string; type: string; status: number }>()
  const finished = new Map<string, number>()
  const requested = new Map<string, { path: string; type: string }>()
  const failed = new Map<string, string>()
  cdp.on('Network.requestWillBeSent', (event) => {
    requested.set(event.requestId, {
      path: new URL(event.request.url).pathname,
      type: event.type ?? 'Other',
    })
  })
  cdp.on('Network.loadingFailed', (event) => failed.set(event.requestId, event.errorText))
  cdp.on('Network.responseReceived', (event) => {
    responses.set(event.requestId, {
      path: new URL(event.response.url).pathname,
      type: event.type ?? 'Other',
      status: event.response.status,
    })
  })
  cdp.on('Network.loadingFinished', (event) =>
    finished.set(event.requestId, event.encodedDataLength),
  )

  await page.goto(`${url}/${theme}/`, { waitUntil: 'networkidle' })
  await page.waitForSelector('textarea[data-part="input"]')
  // Whatever the page starts fetching by itself after it rendered (preloads, fonts) counts too.
  await sleep(1000)

  // Any UI dictionary counts as first load: the client awaits it before rendering.
  const dictionaries = new Map([...localeChunks()].map(([locale, path]) => [path, locale]))
  const initial = new Set([
    ...staticFirstLoad(theme).js.map((file) => file.path),
    ...dictionaries.keys(),
  ])
  const weight: ThemeWeight = {
    theme,
    initialJs: [],
    lazyJs: [],
    css: [],
    fonts: [],
    document: [],
    other: [],
    failed: [],
  }
  for (const [id, errorText] of failed) {
    const request = requested.get(id)
    if (!request || responses.has(id)) continue
    weight.failed.push({ ...request, status: 0, error: errorText, transferred: 0, raw: 0, gzip: 0 })
  }
  for (const [id, response] of responses) {
    const transferred = finished.get(id) ?? 0
    let raw = 0
    let gzip = 0
    if (response.status === 200 && ['Script', 'Stylesheet', 'Document'].includes(response.type)) {
      const body = await cdp.send('Network.getResponseBody', { requestId: id })
      const bytes = Buffer.from(body.body, body.base64Encoded ? 'base64' : 'utf8')
      raw = bytes.byteLength
      gzip = gzipSize(bytes)
    }
    const fetched: Fetched = { ...response, transferred, raw, gzip }
    if (response.status !== 200 || failed.has(id)) {
      weight.failed.push({ ...fetched, ...(failed.has(id) ? { error: failed.get(id)! } : {}) })
    } else if (response.type === 'Font' || response.path.startsWith('/fonts/')) {
      weight.fonts.push(fetched)
    } else if (response.type === 'Script') {
      ;(initial.has(response.path) ? weight.initialJs : weight.lazyJs).push(fetched)
    } else if (response.type === 'Stylesheet') weight.css.push(fetched)
    else if (response.type === 'Document') weight.document.push(fetched)
    else weight.other.push(fetched)
  }
  await context.close()
  const fetchedLocale = weight.initialJs
    .map((file) => dictionaries.get(file.path))
    .find((locale) => locale !== undefined)
  return { ...weight, ...(fetchedLocale ? { locale: fetchedLocale } : {}) }
}

const sumOf = (files: readonly Fetched[], key: 'raw' | 'gzip' | 'transferred') =>
  files.reduce((sum, file) => sum + file[key], 0)
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`
const list = (files: readonly Fetched[]) =>
  files.map((file) => `${file.path} ${(file.gzip / KB).toFixed(1)} KB gz`).join(', ')

export async function measurePageWeight(
  browser: Browser,
  serverUrl: string,
  themes: readonly string[],
): Promise<Section> {
  const rows: Row[] = []
  const notes: string[] = []
  const weights: ThemeWeight[] = []
  for (const theme of themes) {
    const weight = await weighPage(browser, serverUrl, theme)
    weights.push(weight)
    const jsGzip = sumOf(weight.initialJs, 'gzip')
    const cssGzip = sumOf(weight.css, 'gzip')
    const lazyGzip = sumOf(weight.lazyJs, 'gzip')
    rows.push(
      row({
        label: `${theme}: JS first load, gzip`,
        value: jsGzip / KB,
        unit: 'KB',
        target: `≤ ${BUDGET.jsGzip / KB} KB`,
        met: jsGzip <= BUDGET.jsGzip,
        note:
          `${jsGzip} bytes gzip, raw ${kb(sumOf(weight.initialJs, 'raw'))}: ` +
          list(weight.initialJs),
      }),
      row({
        label: `${theme}: CSS first load, gzip`,
        value: cssGzip / KB,
        unit: 'KB',
        target: `≤ ${BUDGET.cssGzip / KB} KB`,
        met: cssGzip <= BUDGET.cssGzip,
        note: `${cssGzip} bytes gzip, raw ${kb(sumOf(weight.css, 'raw'))}: ${list(weight.css)}`,
      }),
      row({
        label: `${theme}: JS + CSS first load, as transferred`,
        value: (sumOf(weight.initialJs, 'transferred') + sumOf(weight.css, 'transferred')) / KB,
        unit: 'KB',
        note:
          `JS ${kb(sumOf(weight.initialJs, 'transferred'))}, CSS ` +
          `${kb(sumOf(weight.css, 'transferred'))} on the wire (headers included, the coding the ` +
          `server chose), beside ${kb(jsGzip + cssGzip)} at gzip -9`,
      }),
      row({
        label: `${theme}: JS preloaded after render, gzip`,
        value: lazyGzip / KB,
        unit: 'KB',
        ...(weight.lazyJs.length > 0 ? { note: list(weight.lazyJs) } : {}),
      }),
      row({
        label: `${theme}: font bytes (CJK CSS + woff2), transferred`,
        value: sumOf(weight.fonts, 'transferred') / KB,
        unit: 'KB',
      }),
      row({
        label: `${theme}: HTML, gzip`,
        value: sumOf(weight.document, 'gzip') / KB,
        unit: 'KB',
      }),
      row({
        label: `${theme}: other (images), transferred`,
        value: sumOf(weight.other, 'transferred') / KB,
        unit: 'KB',
      }),
    )
    if (weight.failed.length > 0) {
      notes.push(
        `${theme}: ${weight.failed.map((f) => `${f.path} → ${f.error ?? f.status}`).join(', ')}` +
          ' failed and is not counted' +
          (weight.failed.some((file) => file.path.startsWith('/fonts/'))
            ? ': the CJK font manifest this locale links is not served (dist/client/fonts is not ' +
              'built and server/node/static-files.ts maps no root for /fonts/), so font bytes ' +
              'read 0 here'
            : ''),
      )
    }
    for (const [kind, files, budget] of [
      ['JS', weight.initialJs, BUDGET.jsGzip],
      ['CSS', weight.css, BUDGET.cssGzip],
    ] as const) {
      const gzip = sumOf(files, 'gzip')
      if (gzip <= budget) continue
      const largest = [...files].sort((a, b) => b.gzip - a.gzip)
      notes.push(
        `MISSED ${theme} ${kind} ≤ ${budget / KB} KB: ${gzip} bytes gzip, ${gzip - budget} bytes ` +
          `(${(((gzip - budget) / budget) * 100).toFixed(1)}%) over. Why: the first load must ` +
          `fetch ${list(largest)}; everything in those files runs before the page works, so ` +
          'features not needed on first paint belong in lazy chunks (import()).',
      )
    }
    const expected = staticFirstLoad(theme, readTemplate(), weight.locale)
    const staticJs = total(expected.js, 'gzip')
    const staticCss = total(expected.css, 'gzip')
    if (staticJs !== jsGzip || staticCss !== cssGzip) {
      notes.push(
        `${theme}: bench:check's static count (JS ${(staticJs / KB).toFixed(2)} KB, CSS ` +
          `${(staticCss / KB).toFixed(2)} KB) differs from what Chromium fetched`,
      )
    }
  }
  const dictionaries = new Set(localeChunks().values())
  const lazy = lazyScripts(readTemplate()).filter((path) => !dictionaries.has(path))
  notes.push(
    'Budgets count gzip -9 of each response body, whatever coding the server sent; the ' +
      '"as transferred" rows are the bytes Chromium received (brotli where the build ' +
      'precompressed it). Raw sizes in the notes. "First load" is the entry script with its static imports, the UI dictionary ' +
      'the client awaits before rendering, the template CSS ' +
      `and theme.css, which bench:check counts statically. Lazy chunks: ${lazy.join(', ')}.`,
    "For comparison, Dify's built-in WebApp and its Next.js template ship an estimated 400 KB " +
      'to 1.4 MB of JS.',
  )
  if (weights.some((weight) => weight.lazyJs.length > 0)) {
    notes.push(
      'On a desktop (fine pointer) the composer takes focus on load and that focus preloads the ' +
        'markdown chunk, so Chromium fetches it during the first load, after the page has ' +
        'rendered; it is reported separately and not held to the first-load budget.',
    )
  }
  return {
    id: 'page-weight',
    title: '1. Page weight per theme (first load of /:id/)',
    rows,
    notes,
    details: weights,
  }
}
