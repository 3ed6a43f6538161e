import type { AppKind } from '../../contract/app-kind.ts'

/** The Dify routes of a text generator, by app type (docs/dify-wire.md#completion-messages, #workflows-run). */
export const RUN_PATHS: Readonly<
  Record<Exclude<AppKind, 'chat'>, { run: string; stop: (taskId: string) => string }>
> = {
  completion: {
    run: '/completion-messages',
    stop: (taskId) => `/completion-messages/${encodeURIComponent(taskId)}/stop`,
  },
  workflow: {
    run: '/workflows/run',
    stop: (taskId) => `/workflows/tasks/${encodeURIComponent(taskId)}/stop`,
  },
}
