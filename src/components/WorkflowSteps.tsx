import type { MessageKey } from '../i18n/translate.ts'
import type { ChatMessage, StepStatus } from '../chat/chat-message.ts'
import { useApp } from '../app/app-context.ts'

const STEP_KEY: Record<StepStatus, MessageKey> = {
  running: 'step.running',
  succeeded: 'step.succeeded',
  failed: 'step.failed',
  stopped: 'step.stopped',
}

const RUN_KEY: Record<Exclude<StepStatus, 'running'>, MessageKey> = {
  succeeded: 'workflow.succeeded',
  failed: 'workflow.failed',
  stopped: 'workflow.stopped',
}

/**
 * A Chatflow run as a compact list of its nodes, collapsed under a one-line progress summary.
 * A run the stream left unfinished (stop, broken connection) counts as stopped.
 */
export function WorkflowSteps({
  message,
  streaming,
}: {
  message: ChatMessage
  streaming: boolean
}) {
  const { t } = useApp()
  const steps = message.steps.value
  const run = message.workflow.value
  if (!run && steps.length === 0) return null
  const settle = (status: StepStatus): StepStatus =>
    status === 'running' && !streaming ? 'stopped' : status
  const overall = settle(run ?? 'running')
  const current = [...steps].reverse().find((step) => step.status === 'running')
  const summary =
    overall !== 'running'
      ? t(RUN_KEY[overall])
      : current
        ? t('workflow.running', { step: current.title })
        : t('workflow.started')
  return (
    <details data-part="steps" data-kind="workflow" data-status={overall}>
      <summary data-part="steps-title">{summary}</summary>
      <ol data-part="step-list">
        {steps.map((step) => {
          const status = settle(step.status)
          return (
            <li key={step.id} data-part="step" data-status={status}>
              <span data-part="step-name">{step.title}</span>
              <span data-part="step-state">{t(STEP_KEY[status])}</span>
              {step.error && <span data-part="step-error">{step.error}</span>}
            </li>
          )
        })}
      </ol>
    </details>
  )
}
