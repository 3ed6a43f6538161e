/**
 * Splits rendering work into slices of a few milliseconds, so a long answer (or a page of long
 * answers from history) never holds the main thread in one long task: input, scrolling and the
 * stream itself get a turn between slices.
 */

/** Works while `hasTime()` says so; returns true when work is left for a later slice. */
export type SliceJob = (hasTime: () => boolean) => boolean

export interface SliceScheduler {
  /**
   * Whether the current slice has time left. The first call in a task opens a slice, so work
   * done while rendering shares one budget however many components ask.
   */
  hasTime(): boolean
  /** Runs `job` in later slices until it reports no work left. Queued once however often. */
  schedule(job: SliceJob): void
  cancel(job: SliceJob): void
}

export interface SliceSchedulerOptions {
  /** Work per slice, ms: small enough that a slice plus the style and layout it causes stay short. */
  budgetMs?: number
  now?: () => number
  /** Runs a callback in a new task, soon. */
  post?: (callback: () => void) => void
}

const BUDGET_MS = 8

export function createSliceScheduler(options: SliceSchedulerOptions = {}): SliceScheduler {
  const budgetMs = options.budgetMs ?? BUDGET_MS
  const now = options.now ?? (() => performance.now())
  const post = options.post ?? postTask
  const queue = new Set<SliceJob>()
  let slice: { start: number } | null = null
  let posted = false

  const openSlice = () => {
    const opened = { start: now() }
    slice = opened
    // The slice lasts until the task that opened it ends, microtasks (Preact's renders) included.
    post(() => {
      if (slice === opened) slice = null
    })
    return opened
  }

  const hasTime = () => now() - (slice ?? openSlice()).start < budgetMs

  const runSlice = () => {
    posted = false
    openSlice()
    for (const job of queue) {
      if (!hasTime()) break
      if (!job(hasTime)) queue.delete(job)
    }
    if (queue.size > 0) request()
  }

  const request = () => {
    if (posted) return
    posted = true
    post(runSlice)
  }

  return {
    hasTime,
    schedule(job) {
      queue.add(job)
      request()
    },
    cancel(job) {
      queue.delete(job)
    },
  }
}

let channel: MessageChannel | undefined
const posted: Array<() => void> = []

/**
 * A new task without setTimeout's 4 ms clamp on nested timers, which would leave the thread idle
 * between slices of a long render. One channel for all, its messages in order.
 */
function postTask(callback: () => void): void {
  if (!channel) {
    channel = new MessageChannel()
    channel.port1.onmessage = () => posted.shift()?.()
  }
  posted.push(callback)
  channel.port2.postMessage(null)
}

/** The one scheduler the page's answers share, so together they stay within one budget. */
let shared: SliceScheduler | undefined

export function sharedSlices(): SliceScheduler {
  shared ??= createSliceScheduler()
  return shared
}
