// `npm run bench`: every benchmark of issue 6 in one run on this machine. Prints a table per
// measurement and writes bench/results.json. Timings drift on shared machines, so each comes with
// a ratio against a baseline measured in the same run. Needs `npm run build` first.
//
//   npx tsx bench/run.ts [--only=weight,paint,render,proxy,cold,openai,fleet,workers,upload,embed,repeat,batch] [--out=path.json]
//     [--reps=N: repetitions of the embed clicks, 5 by default]
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { measureBatchRuns } from './batch-responsiveness.ts'
import { measureColdStart } from './cold-start.ts'
import { measureEmbed } from './embed-open.ts'
import { measureFirstPaint } from './first-paint.ts'
import { measureFleetOverhead } from './fleet-overhead.ts'
import { measureOpenAiOverhead } from './openai-overhead.ts'
import { launchChromium } from './lib/browser.ts'
import { CLIENT_DIR, ROOT, themeIds } from './lib/first-load.ts'
import { killChildren, SERVER_ENTRY, spawnServer, type ChildServer } from './lib/processes.ts'
import { formatTables, writeResults, type Section } from './lib/report.ts'
import { withDeadline } from './lib/stats.ts'
import { measurePageWeight } from './page-weight.ts'
import { measureProxyOverhead } from './proxy-overhead.ts'
import { measureRepeatPaint } from './repeat-paint.ts'
import { measureStreamingRender } from './streaming-render.ts'
import { measureUploadMemory } from './upload-memory.ts'
import { measureWorkers } from './workers.ts'

const ALL = [
  'weight',
  'paint',
  'render',
  'proxy',
  'cold',
  'openai',
  'fleet',
  'workers',
  'upload',
  'embed',
  'repeat',
  'batch',
] as const
type Part = (typeof ALL)[number]

function parseArgs(argv: readonly string[]): { only: Set<Part>; out: string; reps?: number } {
  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length)
  const parts = only ? only.split(',').map((part) => part.trim()) : [...ALL]
  for (const part of parts) {
    if (!(ALL as readonly string[]).includes(part)) {
      throw new Error(`unknown --only part "${part}" (parts: ${ALL.join(', ')})`)
    }
  }
  const out =
    argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length) ??
    join(ROOT, 'bench', 'results.json')
  const reps = argv.find((arg) => arg.startsWith('--reps='))?.slice('--reps='.length)
  if (reps !== undefined && !/^[1-9]\d?$/.test(reps)) {
    throw new Error(`--reps takes a whole number from 1 to 99, not "${reps}"`)
  }
  return { only: new Set(parts as Part[]), out, ...(reps ? { reps: Number(reps) } : {}) }
}

/** The newest modification time under a folder: is the build older than its sources? */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.test\.tsx?$/.test(entry.name)) continue
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

function buildWarnings(): string[] {
  const template = join(CLIENT_DIR, 'index.html')
  if (!existsSync(template) || !existsSync(SERVER_ENTRY)) {
    throw new Error('dist/ is missing: run `npm run build` first')
  }
  const built = Math.min(statSync(template).mtimeMs, statSync(SERVER_ENTRY).mtimeMs)
  const sources = Math.max(
    newestMtime(join(ROOT, 'src')),
    newestMtime(join(ROOT, 'server')),
    newestMtime(join(ROOT, 'themes')),
  )
  return sources > built
    ? ['dist/ is older than src/, server/ or themes/: the numbers are for the last build.']
    : []
}

/** Changes whenever the client is rebuilt (the template names hashed asset files). */
function buildId(): string {
  try {
    return `${statSync(join(CLIENT_DIR, 'index.html')).mtimeMs}`
  } catch {
    return 'missing'
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim()
  } catch {
    return null
  }
}

async function main(): Promise<number> {
  const { only, out, reps } = parseArgs(process.argv.slice(2))
  const started = Date.now()
  const warnings = buildWarnings()
  const buildAtStart = buildId()
  const loadAtStart = loadavg()[0] ?? 0
  if (loadAtStart > cpus().length) {
    warnings.push(
      `the machine was busy at the start (load average ${loadAtStart.toFixed(1)} on ` +
        `${cpus().length} cores): absolute timings are inflated, ratios less so.`,
    )
  }
  const themes = themeIds()
  const sections: Section[] = []
  const failures: string[] = []
  const run = async (part: Part, what: string, ms: number, work: () => Promise<Section>) => {
    if (!only.has(part)) return
    const begun = Date.now()
    process.stderr.write(`bench: ${what}…`)
    try {
      sections.push(await withDeadline(what, ms, work()))
      process.stderr.write(` ${((Date.now() - begun) / 1000).toFixed(1)} s\n`)
    } catch (error) {
      process.stderr.write(' failed\n')
      failures.push(`${what}: ${(error as Error).stack ?? String(error)}`)
    }
  }

  let browser: Browser | undefined
  let demo: ChildServer | undefined
  let chromiumVersion: string | null = null
  try {
    if (
      only.has('weight') ||
      only.has('paint') ||
      only.has('render') ||
      only.has('repeat') ||
      only.has('batch')
    ) {
      browser = await launchChromium()
      chromiumVersion = browser.version()
    }
    if (only.has('weight') || only.has('paint') || only.has('repeat')) demo = await spawnServer()
    await run('weight', '1. page weight', 120_000, () =>
      measurePageWeight(browser!, demo!.url, themes),
    )
    await run('paint', '2. first paint', 240_000, () =>
      measureFirstPaint(browser!, demo!.url, themes, 5),
    )
    await run('repeat', '11. repeat visit', 240_000, () =>
      measureRepeatPaint(browser!, demo!.url, themes, 3),
    )
    await demo?.stop()
    demo = undefined
    await run('render', '3. streaming render', 240_000, () =>
      measureStreamingRender(browser!, { reps: 3, naiveMeasured: 300, naiveSampleEvery: 250 }),
    )
    await run('batch', '11. batch runs', 600_000, () => measureBatchRuns(browser!))
    await browser?.close()
    browser = undefined
    await run('proxy', '4. proxy overhead', 240_000, () =>
      measureProxyOverhead({
        pacedStreams: 4,
        pacedEvents: 750,
        intervalMs: 2,
        floodStreams: 4,
        floodEvents: 25_000,
        openStreams: 1000,
        rounds: 3,
      }),
    )
    await run('cold', '5. cold start', 120_000, () => measureColdStart(10))
    await run('openai', '6. OpenAI API overhead', 180_000, () =>
      measureOpenAiOverhead({ streams: 4, events: 750, intervalMs: 2, rounds: 3 }),
    )
    await run('fleet', '7. fleet overhead', 180_000, () =>
      measureFleetOverhead({ turns: 2000, streams: 4, events: 250, intervalMs: 4 }),
    )
    await run('workers', '8. Cloudflare Worker', 180_000, () => measureWorkers(5))
    await run('upload', '9. upload memory', 120_000, () => measureUploadMemory(8))
    const embedReps = reps ?? 5
    await run('embed', '10. embed on a host page', 48_000 * Math.max(5, embedReps), () =>
      measureEmbed(embedReps),
    )
  } finally {
    await demo?.stop()
    await browser?.close()
  }

  if (buildId() !== buildAtStart) {
    warnings.push('dist/ was rebuilt during the run: sections may describe different builds.')
  }
  const durationMs = Date.now() - started
  const missed = sections.flatMap((section) =>
    section.rows
      .filter((r) => r.met === false)
      .map((r) => `${section.title.split(' ')[0]} ${r.label}`),
  )
  const met = sections.flatMap((section) => section.rows.filter((r) => r.met === true))
  console.log(formatTables(sections))
  console.log('')
  for (const warning of warnings) console.log(`! ${warning}`)
  console.log(`targets met: ${met.length}, missed: ${missed.length}`)
  for (const label of missed) console.log(`  MISSED ${label}`)
  for (const failure of failures) console.log(`! ${failure}`)
  await writeResults(out, {
    startedAt: new Date(started).toISOString(),
    durationMs,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      memoryBytes: totalmem(),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg(),
      node: process.version,
      chromium: chromiumVersion,
      commit: gitCommit(),
      warnings,
      failures,
    },
    sections,
  })
  console.log(`wrote ${out} (${(durationMs / 1000).toFixed(0)} s)`)
  // Timings never fail a run; only a broken measurement does.
  return failures.length > 0 ? 1 : 0
}

// Interrupted (Ctrl-C, a CI timeout): no server child may outlive the run.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killChildren()
    process.exit(130)
  })
}

// A measurement abandoned at its deadline may still hold sockets, timers or children: exit
// explicitly (bench/lib/processes.ts kills every child on exit).
process.exit(await main())
