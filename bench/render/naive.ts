import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { ROOT } from '../lib/first-load.ts'
import { servePages } from '../lib/static-server.ts'

export interface NaiveResult {
  /** Chunks rendered one by one, each in its own task. */
  measuredChunks: number
  measuredMs: number
  /** Main-thread estimate for all chunks: measured + interpolated from sampled prefixes. */
  estimatedTotalMs: number
  /** The slowest single re-render (the longest prefix). */
  longestMs: number
  samples: Array<{ chunk: number; chars: number; ms: number }>
}

const PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>naive</title>' +
  '<script src="/marked.js"></script><script src="/purify.js"></script>' +
  '<script src="/naive.js"></script></head>' +
  '<body><div id="out"></div></body></html>'

interface NaiveRun {
  perChunk: number[]
  samples: Array<{ chunk: number; chars: number; ms: number }>
}

interface NaiveGlobals {
  runNaive(args: { chunks: string[]; measure: number; sampleAt: number[] }): Promise<NaiveRun>
}

/**
 * The page side, plain JavaScript served as a file (functions handed to page.evaluate from tsx
 * would carry esbuild's `__name` helper, which the page doesn't have).
 */
const RUNNER = `
window.runNaive = async ({ chunks, measure, sampleAt }) => {
  const out = document.getElementById('out')
  const nextTask = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve()
      channel.port2.postMessage(null)
    })
  const render = (text) => {
    const start = performance.now()
    out.innerHTML = DOMPurify.sanitize(marked.parse(text, { gfm: true, breaks: true, async: false }))
    return performance.now() - start
  }
  const perChunk = []
  let text = ''
  for (let i = 0; i < measure; i++) {
    text += chunks[i]
    await nextTask()
    perChunk.push(render(text))
  }
  const samples = []
  for (const at of sampleAt) {
    const prefix = chunks.slice(0, at).join('')
    await nextTask()
    samples.push({ chunk: at, chars: prefix.length, ms: render(prefix) })
  }
  return { perChunk, samples }
}
`

/**
 * The contrast baseline: the whole accumulated answer re-parsed with marked, sanitized with
 * DOMPurify and written to the DOM for every chunk. The first `measure` chunks run one by one,
 * each in its own task; beyond that only `sampleEvery`-th prefixes are timed and the rest is
 * interpolated (the per-chunk cost grows with the prefix, so all 5,000 would take minutes).
 */
export async function runNaive(
  browser: Browser,
  chunks: readonly string[],
  measure: number,
  sampleEvery: number,
): Promise<NaiveResult> {
  const pages = await servePages({
    '/': { body: PAGE, contentType: 'text/html; charset=utf-8' },
    '/marked.js': {
      body: readFileSync(join(ROOT, 'node_modules/marked/lib/marked.umd.js')),
      contentType: 'text/javascript',
    },
    '/naive.js': { body: RUNNER, contentType: 'text/javascript' },
    '/purify.js': {
      body: readFileSync(join(ROOT, 'node_modules/dompurify/dist/purify.min.js')),
      contentType: 'text/javascript',
    },
  })
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.goto(`${pages.url}/`)
    const sampleAt: number[] = []
    for (let i = measure + sampleEvery; i < chunks.length; i += sampleEvery) sampleAt.push(i)
    sampleAt.push(chunks.length)
    const measured = await page.evaluate(
      (args) => (window as unknown as NaiveGlobals).runNaive(args),
      { chunks: [...chunks], measure, sampleAt },
    )
    const measuredMs = measured.perChunk.reduce((a, b) => a + b, 0)
    // Linear interpolation of the per-chunk cost between sampled prefixes, summed per chunk.
    const points = [
      { chunk: measure, ms: measured.perChunk.at(-1) ?? 0 },
      ...measured.samples.map(({ chunk, ms }) => ({ chunk, ms })),
    ]
    let estimated = measuredMs
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!
      const b = points[i]!
      for (let chunk = a.chunk + 1; chunk <= b.chunk; chunk++) {
        estimated += a.ms + ((b.ms - a.ms) * (chunk - a.chunk)) / (b.chunk - a.chunk)
      }
    }
    return {
      measuredChunks: measure,
      measuredMs,
      estimatedTotalMs: estimated,
      longestMs: Math.max(...measured.perChunk, ...measured.samples.map((s) => s.ms)),
      samples: measured.samples,
    }
  } finally {
    await context.close()
    await pages.close()
  }
}
