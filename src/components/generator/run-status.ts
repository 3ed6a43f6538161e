import type { MessageKey } from '../../i18n/translate.ts'
import type { GeneratorKey } from '../../i18n/generator/generator-en.ts'
import type { NodeStatus, RunStatus } from '../../generator/workflow-run.ts'

/** The words for a run's or a node's status. */
export const STATUS_KEY: Record<RunStatus | NodeStatus, MessageKey | GeneratorKey> = {
  running: 'gen.running',
  succeeded: 'step.succeeded',
  failed: 'step.failed',
  exception: 'step.failed',
  stopped: 'step.stopped',
  'partial-succeeded': 'gen.partial',
}
