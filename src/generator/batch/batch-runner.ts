import { batch, signal, type ReadonlySignal, type Signal } from '@preact/signals'
import { NETWORK_ERROR, type ChatError } from '../../api/chat-error.ts'
import { isChatError } from '../../api/endpoint-api.ts'
import type { BatchRow } from './check-batch-rows.ts'

export type RowStatus = 'waiting' | 'running' | 'succeeded' | 'failed' | 'stopped'

/** One row's run as the list and the results file show it. */
export interface RowState {
  status: RowStatus
  /** The result text: streamed so far, then final (a workflow's text output or chunks). */
  text: string
  /** A workflow's final outputs, by output name. */
  outputs?: Readonly<Record<string, unknown>>
  /** Why it failed, in the server's error shape (`{code, status, message}`). */
  error?: ChatError
}

/** How a row's run ended; a run that rejects with a ChatError failed with it. */
export type RowOutcome = Omit<RowState, 'status'> & { status: 'succeeded' | 'failed' | 'stopped' }

export interface RowRun {
  /** Aborted by Stop: the run stops its task and settles as `stopped`. */
  signal: AbortSignal
  onProgress(text: string): void
}

export type RunRow = (row: BatchRow, run: RowRun) => Promise<RowOutcome>

export type BatchPhase = 'idle' | 'running' | 'stopping' | 'done'

export interface BatchRunnerOptions {
  rows: readonly BatchRow[]
  /** Rows running at once (the endpoint's `batchConcurrency`). */
  concurrency: number
  runRow: RunRow
}

export interface BatchRunner {
  rows: readonly BatchRow[]
  /** One signal per row, so a row's progress re-renders that row alone. */
  states: readonly ReadonlySignal<RowState>[]
  counts: ReadonlySignal<Readonly<Record<RowStatus, number>>>
  phase: ReadonlySignal<BatchPhase>
  start(): void
  /** Stops the running rows (through their stop routes) and leaves the waiting ones unrun. */
  stopAll(): void
  /** Runs every failed and stopped row again, the rest keep their results. */
  retry(): void
}

const NO_COUNTS: Record<RowStatus, number> = {
  waiting: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  stopped: 0,
}

/**
 * Runs a batch's rows, at most `concurrency` at a time, in file order. Each row keeps its own
 * state signal; the counts change only when a row changes status, not on every streamed token.
 */
export function createBatchRunner({ rows, concurrency, runRow }: BatchRunnerOptions): BatchRunner {
  const states: Signal<RowState>[] = rows.map(() => signal({ status: 'waiting', text: '' }))
  const counts = signal({ ...NO_COUNTS, waiting: rows.length })
  const phase = signal<BatchPhase>('idle')
  const controllers = new Map<number, AbortController>()
  let queue: number[] = []

  function setState(index: number, next: RowState) {
    const state = states[index]!
    const before = state.peek().status
    batch(() => {
      state.value = next
      if (before !== next.status) {
        const current = counts.peek()
        counts.value = {
          ...current,
          [before]: current[before] - 1,
          [next.status]: current[next.status] + 1,
        }
      }
    })
  }

  function pump() {
    while (phase.peek() === 'running' && controllers.size < concurrency && queue.length > 0) {
      void runOne(queue.shift()!)
    }
    if (controllers.size === 0 && (queue.length === 0 || phase.peek() === 'stopping')) {
      phase.value = 'done'
    }
  }

  async function runOne(index: number) {
    const controller = new AbortController()
    controllers.set(index, controller)
    setState(index, { status: 'running', text: '' })
    let outcome: RowOutcome
    try {
      outcome = await runRow(rows[index]!, {
        signal: controller.signal,
        onProgress: (text) => {
          if (controllers.get(index) === controller) setState(index, { status: 'running', text })
        },
      })
    } catch (error) {
      const text = states[index]!.peek().text
      outcome = controller.signal.aborted
        ? { status: 'stopped', text }
        : { status: 'failed', text, error: isChatError(error) ? error : NETWORK_ERROR }
    }
    controllers.delete(index)
    setState(index, outcome)
    pump()
  }

  function enqueue(indexes: number[]) {
    queue = indexes
    phase.value = 'running'
    pump()
  }

  return {
    rows,
    states,
    counts,
    phase,
    start() {
      if (phase.peek() !== 'idle') return
      enqueue(rows.map((_, index) => index))
    },
    stopAll() {
      if (phase.peek() !== 'running') return
      phase.value = 'stopping'
      batch(() => {
        for (const index of queue) setState(index, { status: 'stopped', text: '' })
      })
      queue = []
      for (const controller of controllers.values()) controller.abort()
      pump()
    },
    retry() {
      if (phase.peek() !== 'done') return
      const again = states.flatMap((state, index) =>
        state.peek().status === 'failed' || state.peek().status === 'stopped' ? [index] : [],
      )
      if (again.length === 0) return
      batch(() => {
        for (const index of again) setState(index, { status: 'waiting', text: '' })
      })
      enqueue(again)
    },
  }
}
