import { createSseStream, type SseWriter } from './sse-writer.ts'
import type { TurnFaults } from './turn-faults.ts'
import { writeTurn, type Turn } from './write-turn.ts'

/** A streamed answer in progress: the user who started it, and whether stop was called. */
export interface FakeTask {
  user: string
  stopRequested: boolean
}

export interface TaskStreamOptions {
  /** task id → task, where the stop routes find it. */
  tasks: Map<string, FakeTask>
  user: string
  faults: TurnFaults
  /** Told when the reader leaves before the end. */
  onCancel: () => void
}

/**
 * The `text/event-stream` answer of a new task: `write` streams it, and the task stays in
 * `tasks` (where a stop call finds it) until the stream ends.
 */
export function streamTask(
  options: TaskStreamOptions,
  write: (writer: SseWriter, taskId: string, isStopRequested: () => boolean) => Promise<unknown>,
): Response {
  const { tasks, faults } = options
  const taskId = crypto.randomUUID()
  const task: FakeTask = { user: options.user, stopRequested: false }
  tasks.set(taskId, task)
  const body = createSseStream(
    async (writer) => {
      try {
        await write(writer, taskId, () => task.stopRequested)
      } finally {
        tasks.delete(taskId)
      }
    },
    { ...faults.framing, onCancel: options.onCancel },
  )
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } })
}

export interface TurnStreamOptions extends TaskStreamOptions {
  /** Milliseconds between streamed tokens. */
  tokenDelayMs: number
}

/** One answer of a chat or completion app (writeTurn), streamed as a new task. */
export function streamTurn(
  options: TurnStreamOptions,
  turn: Omit<Turn, 'taskId' | 'isStopRequested' | 'faults' | 'tokenDelayMs'>,
): Response {
  const { faults, tokenDelayMs } = options
  return streamTask(options, (writer, taskId, isStopRequested) =>
    writeTurn(writer, { ...turn, taskId, isStopRequested, faults, tokenDelayMs }),
  )
}
