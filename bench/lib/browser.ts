import { chromium, type Browser } from '@playwright/test'
import { findChromium } from '../../scripts/find-chromium.ts'

/** Loopback only: every other host name fails to resolve. */
const LOOPBACK_ONLY =
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost'

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium()
  if (!executablePath) throw new Error('no Chromium found (set CHROMIUM_PATH)')
  return chromium.launch({ executablePath, args: [LOOPBACK_ONLY] })
}

/** One event of a Chrome trace (the JSON Trace Event Format). */
export interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  /** Thread (CPU) time, µs: unlike `dur`, it leaves out time the OS gave to other processes. */
  tdur?: number
  pid: number
  tid: number
  args?: Record<string, unknown>
}

export const TASK_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline']

/** Where main-thread time went, by self time of the trace events nested in the tasks. */
export interface TimeBreakdown {
  script: number
  style: number
  layout: number
  paint: number
  htmlParse: number
  gc: number
  other: number
}

const GROUPS: Record<string, keyof TimeBreakdown> = {
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  Layout: 'layout',
  Paint: 'paint',
  PrePaint: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  CompositeLayers: 'paint',
  ParseHTML: 'htmlParse',
  ParseAuthorStyleSheet: 'htmlParse',
  MinorGC: 'gc',
  MajorGC: 'gc',
  BlinkGC: 'gc',
  'V8.GCScavenger': 'gc',
  'V8.GCFinalizeMC': 'gc',
  FunctionCall: 'script',
  EvaluateScript: 'script',
  'v8.compile': 'script',
  'v8.compileModule': 'script',
  'v8.evaluateModule': 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  RunMicrotasks: 'script',
  FireIdleCallback: 'script',
  XHRReadyStateChange: 'script',
}

export interface MainThreadTasks {
  /** Top-level task durations, ms. */
  durations: number[]
  /** The same tasks' thread CPU time, ms: on a loaded machine a task can wait for a core. */
  cpuDurations: number[]
  breakdown: TimeBreakdown
  /** The longest task and where its time went. */
  longest: { ms: number; breakdown: TimeBreakdown }
  /** Layout events, ms each, in time order (to see whether layout grows with the answer). */
  layouts: number[]
}

const emptyBreakdown = (): TimeBreakdown => ({
  script: 0,
  style: 0,
  layout: 0,
  paint: 0,
  htmlParse: 0,
  gc: 0,
  other: 0,
})

/**
 * Top-level tasks on the renderer's main thread (`RunTask` on `CrRendererMain`), in ms. With
 * several renderers, the busiest main thread is the page's. Self time of the events nested in
 * the tasks is grouped into script, style, layout, paint, HTML parsing and GC.
 */
export function mainThreadTasks(trace: Buffer): MainThreadTasks {
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }
  const mains = new Set<string>()
  for (const event of traceEvents) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain') {
      mains.add(`${event.pid}:${event.tid}`)
    }
  }
  const byThread = new Map<string, TraceEvent[]>()
  for (const event of traceEvents) {
    if (event.ph !== 'X' || event.dur === undefined) continue
    const key = `${event.pid}:${event.tid}`
    if (!mains.has(key)) continue
    const list = byThread.get(key) ?? []
    list.push(event)
    byThread.set(key, list)
  }
  const busy = (events: readonly TraceEvent[]) =>
    events.reduce((sum, e) => sum + (e.name === 'RunTask' ? (e.dur ?? 0) : 0), 0)
  let thread: TraceEvent[] = []
  for (const list of byThread.values()) if (busy(list) > busy(thread)) thread = list
  thread.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))

  const tasks: Array<{ dur: number; cpu: number; breakdown: TimeBreakdown }> = []
  const breakdown = emptyBreakdown()
  const layouts: number[] = []
  // Self time: an event's duration minus its children's, found with a stack of open events.
  // Unknown events (V8 internals) count for the group of the known event they are nested in.
  type Open = { event: TraceEvent; end: number; childTime: number; group: keyof TimeBreakdown }
  const stack: Open[] = []
  let current: { dur: number; cpu: number; breakdown: TimeBreakdown } | null = null
  const close = (open: Open) => {
    const self = ((open.event.dur ?? 0) - open.childTime) / 1000
    if (current && self > 0) current.breakdown[open.group] += self
  }
  for (const event of thread) {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= event.ts) close(stack.pop()!)
    const end = event.ts + (event.dur ?? 0)
    if (stack.length === 0) {
      if (event.name !== 'RunTask') continue
      current = {
        dur: (event.dur ?? 0) / 1000,
        cpu: (event.tdur ?? event.dur ?? 0) / 1000,
        breakdown: emptyBreakdown(),
      }
      tasks.push(current)
    } else {
      stack[stack.length - 1]!.childTime += event.dur ?? 0
    }
    if (event.name === 'Layout') layouts.push((event.dur ?? 0) / 1000)
    const group = GROUPS[event.name] ?? stack[stack.length - 1]?.group ?? 'other'
    stack.push({ event, end, childTime: 0, group })
  }
  while (stack.length > 0) close(stack.pop()!)
  for (const task of tasks) {
    for (const key of Object.keys(breakdown) as Array<keyof TimeBreakdown>) {
      breakdown[key] += task.breakdown[key]
    }
  }
  const longest = tasks.reduce<{ dur: number; cpu: number; breakdown: TimeBreakdown } | null>(
    (max, task) => (!max || task.dur > max.dur ? task : max),
    null,
  )
  return {
    durations: tasks.map((task) => task.dur),
    cpuDurations: tasks.map((task) => task.cpu),
    breakdown,
    longest: { ms: longest?.dur ?? 0, breakdown: longest?.breakdown ?? emptyBreakdown() },
    layouts,
  }
}

/** `script 120, layout 300, …` with the largest first, for notes. */
export function describeBreakdown(breakdown: TimeBreakdown): string {
  return (Object.entries(breakdown) as Array<[string, number]>)
    .filter(([, ms]) => ms >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
    .join(', ')
}
