import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnServer } from '../lib/processes.ts'
import { openStream } from './stream-client.ts'

interface CpuProfile {
  /** µs on the system's monotonic clock, as process.hrtime is. */
  startTime: number
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>
  samples: number[]
  timeDeltas: number[]
}

/** Which part of a proxy's stack a profiled function belongs to. */
function classify(url: string, functionName: string): string | null {
  if (functionName === '(idle)') return null
  if (functionName === '(garbage collector)') return 'GC'
  if (!url) return functionName === '(program)' ? 'V8/runtime' : 'native (socket writes, decode)'
  if (url.includes('undici') || url.startsWith('wasm://')) return 'undici (fetch, Request/Response)'
  if (url.includes('webstreams')) return 'web streams'
  if (url.includes('@hono/node-server')) return '@hono/node-server adapter'
  if (url.includes('/hono/')) return 'hono'
  if (url.includes('dist/server/')) return 'chatskins relay and routes'
  if (url.startsWith('node:')) return 'node core (http, net, streams)'
  return url.split('/').slice(-2).join('/')
}

/**
 * A separate, short run of a proxy under `--cpu-prof` (after the measured runs, so the profiler
 * does not skew them): CPU ms per 1,000 events by part of the stack, largest first.
 */
export async function profileProxy(options: {
  upstreamUrl: string
  spawn: (nodeArgs: string[]) => ReturnType<typeof spawnServer>
  target: (proxyUrl: string) => Parameters<typeof openStream>[0]
  streams: number
  query: string
}): Promise<Array<[string, number]>> {
  const dir = mkdtempSync(join(tmpdir(), 'chatskins-bench-prof-'))
  try {
    const proxy = await options.spawn(['--cpu-prof', `--cpu-prof-dir=${dir}`])
    const target = options.target(proxy.url)
    // Start-up and a warm-up land in the profile too: only samples after them are counted.
    await Promise.all([
      openStream(target, 'flood:2000').done,
      openStream(target, 'flood:2000').done,
    ])
    const countFrom = Number(process.hrtime.bigint() / 1000n)
    const readings = await Promise.all(
      Array.from({ length: options.streams }, () => openStream(target, options.query).done),
    )
    await proxy.stop()
    const events = readings.reduce((sum, reading) => sum + reading.events, 0)
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
    if (!file) return []
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile
    const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
    const totals = new Map<string, number>()
    let at = profile.startTime
    profile.samples.forEach((id, index) => {
      at += profile.timeDeltas[index] ?? 0
      if (at < countFrom) return
      const frame = nodes.get(id)
      const part = frame ? classify(frame.url, frame.functionName) : null
      if (!part) return
      totals.set(part, (totals.get(part) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000)
    })
    return [...totals]
      .map(([part, ms]): [string, number] => [part, (ms / Math.max(1, events)) * 1000])
      .sort((a, b) => b[1] - a[1])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
