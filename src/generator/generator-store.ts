import { batch, computed, signal, type ReadonlySignal, type Signal } from '@preact/signals'
import type { DifyStreamEvent } from '../../contract/dify-wire.ts'
import { NETWORK_ERROR, type ChatError } from '../api/chat-error.ts'
import { isChatError } from '../api/endpoint-api.ts'
import type { GeneratorKind, RunApi } from '../api/run-api.ts'
import type { Rating } from '../chat/chat-message.ts'
import { EMPTY_COMPLETION, foldCompletionEvent, stopCompletionRun } from './completion-run.ts'
import type { CompletionRun } from './completion-run.ts'
import type { LastRun } from './last-run.ts'
import {
  EMPTY_RUN,
  foldWorkflowEvent,
  stopWorkflowRun,
  workflowRunFromDetail,
  type WorkflowRun,
} from './workflow-run.ts'

/** One completion result in the page's list: rateable and readable aloud like a chat answer. */
export interface CompletionResult {
  key: string
  run: Signal<CompletionRun>
  text: ReadonlySignal<string>
  difyId: ReadonlySignal<string | undefined>
  feedback: Signal<Rating>
}

type ReadStream = (
  body: ReadableStream<Uint8Array>,
  onEvent: (event: DifyStreamEvent) => void,
) => Promise<void>

export interface GeneratorStoreOptions {
  kind: GeneratorKind
  api: RunApi
  /** The run's inputs, or undefined when the form refused them (it then shows its problems). */
  inputs: () => Promise<Record<string, unknown> | undefined>
  /** The uploaded files that go with a run (`files` of `/run`); none when the app takes none. */
  files?: () => Array<Record<string, unknown>>
  /** Where a workflow's last run id is kept, to show the run again after a reload. */
  lastRun: LastRun
  /** Every event of a completion's stream, for its read-aloud audio. */
  onCompletionEvent?: (result: CompletionResult, event: DifyStreamEvent) => void
  /** How long Stop waits for Dify to end the stream itself before cutting it. */
  stopGraceMs?: number
  /** The stream reader (tests pass the real one too; it loads with this chunk). */
  readStream: ReadStream
}

interface ActiveRun {
  controller: AbortController
  taskId?: string
  /** The visitor pressed Stop. */
  stopped: boolean
  timer?: ReturnType<typeof setTimeout>
  markStopped: () => void
}

/**
 * A text generator's runs: Run streams one through `POST /:id/run` and folds its events
 * (completion-run.ts, workflow-run.ts); Stop asks Dify to stop the task and keeps what came.
 * Completions pile up as a list of results, newest first; a workflow shows its latest run,
 * whose id is remembered so a reload brings it back from the run's detail.
 */
export function createGeneratorStore(options: GeneratorStoreOptions) {
  const { api, kind } = options
  const stopGraceMs = options.stopGraceMs ?? 4000
  const results = signal<CompletionResult[]>([])
  const workflow = signal<WorkflowRun | null>(null)
  const error = signal<ChatError | null>(null)
  const busy = signal(false)
  /** The workflow shown came back from its detail after a reload (it has no node progress). */
  const restored = signal(false)
  let active: ActiveRun | undefined
  let count = 0

  const newResult = (): CompletionResult => {
    const run = signal(EMPTY_COMPLETION)
    return {
      key: `result-${++count}`,
      run,
      text: computed(() => run.value.text),
      difyId: computed(() => run.value.messageId),
      feedback: signal<Rating>(null),
    }
  }

  /** The run on show: `fold` takes one event and returns the task id once known. */
  const follower = () => {
    if (kind === 'workflow') {
      workflow.value = EMPTY_RUN
      return {
        fold(event: DifyStreamEvent) {
          const before = workflow.peek() ?? EMPTY_RUN
          const next = foldWorkflowEvent(before, event as unknown as Record<string, unknown>)
          if (next.runId && next.runId !== before.runId) options.lastRun.write(next.runId)
          workflow.value = next
          return next.taskId
        },
        running: () => workflow.peek()?.status === 'running',
        markStopped: () => (workflow.value = stopWorkflowRun(workflow.peek() ?? EMPTY_RUN)),
      }
    }
    const result = newResult()
    results.value = [result, ...results.peek()]
    return {
      fold(event: DifyStreamEvent) {
        result.run.value = foldCompletionEvent(
          result.run.peek(),
          event as unknown as Record<string, unknown>,
        )
        options.onCompletionEvent?.(result, event)
        return result.run.peek().taskId
      },
      running: () => result.run.peek().status === 'running',
      markStopped: () => (result.run.value = stopCompletionRun(result.run.peek())),
    }
  }

  const run = async () => {
    if (busy.peek()) return
    busy.value = true
    error.value = null
    const inputs = await options.inputs()
    if (!inputs) {
      busy.value = false
      return
    }
    restored.value = false
    const target = follower()
    const mine: ActiveRun = {
      controller: new AbortController(),
      stopped: false,
      markStopped: target.markStopped,
    }
    active = mine
    try {
      const files = options.files?.() ?? []
      const request = files.length > 0 ? { inputs, files } : { inputs }
      const { body } = await api.run(request, mine.controller.signal)
      await options.readStream(body, (event) => {
        mine.taskId = target.fold(event) ?? mine.taskId
        if (event.event === 'error') {
          error.value = { code: event.code, status: event.status, message: event.message }
        }
      })
    } catch (caught) {
      if (!mine.stopped) error.value = isChatError(caught) ? caught : NETWORK_ERROR
    } finally {
      clearTimeout(mine.timer)
      batch(() => {
        if (target.running()) {
          target.markStopped()
          // A stream that closed before its last event broke off, unless the visitor stopped it.
          if (!mine.stopped && !error.peek()) {
            error.value = { code: 'stream_broken', status: 502, message: '' }
          }
        }
        active = undefined
        busy.value = false
      })
    }
  }

  const stop = () => {
    const current = active
    if (!current || current.stopped) return
    current.stopped = true
    // Shown at once, and kept: the events Dify sends as it stops don't make the run a success.
    current.markStopped()
    if (!current.taskId) return current.controller.abort()
    // Dify ends the stream itself once it sees the stop (a stopped workflow_finished, or
    // message_end); if it doesn't soon, the stream is cut and the run marked stopped here.
    current.timer = setTimeout(() => current.controller.abort(), stopGraceMs)
    api.stop(current.taskId).catch(() => current.controller.abort())
  }

  /** After a reload: the workflow's last run, from its detail (node progress isn't kept). */
  const restore = async () => {
    const runId = kind === 'workflow' ? options.lastRun.read() : null
    if (!runId) return
    try {
      const run = workflowRunFromDetail(await api.runDetail(runId))
      if (run && !workflow.peek()) {
        batch(() => {
          workflow.value = run
          restored.value = true
        })
      }
    } catch (caught) {
      // Gone (another visitor cookie, Dify forgot it): nothing to show, nothing to keep.
      if (isChatError(caught) && caught.status === 404) options.lastRun.clear()
    }
  }

  return {
    kind,
    results,
    workflow,
    restored,
    error,
    busy,
    run,
    stop,
    restore,
    dismissError: () => (error.value = null),
  }
}

export type GeneratorStore = ReturnType<typeof createGeneratorStore>
