import { useGenerator } from '../../generator/generator-context.ts'
import type { NodeStatus, RunStatus } from '../../generator/workflow-run.ts'
import { STATUS_KEY } from './run-status.ts'

export interface ResultMetaProps {
  status: RunStatus | NodeStatus
  totalTokens?: number | undefined
  /** Seconds. */
  elapsedTime?: number | undefined
  totalSteps?: number | undefined
}

/** A result's status line: its state, and the time, tokens and steps it took when known. */
export function ResultMeta({ status, totalTokens, elapsedTime, totalSteps }: ResultMetaProps) {
  const { t } = useGenerator()
  return (
    <p data-part="result-meta">
      <span data-part="result-state" data-status={status}>
        {t(STATUS_KEY[status])}
      </span>
      {elapsedTime !== undefined && (
        <span data-part="result-time">{t('gen.seconds', { seconds: elapsedTime.toFixed(2) })}</span>
      )}
      {totalTokens !== undefined && (
        <span data-part="result-tokens">{t('gen.tokens', { count: String(totalTokens) })}</span>
      )}
      {totalSteps !== undefined && (
        <span data-part="result-steps">{t('gen.steps', { count: String(totalSteps) })}</span>
      )}
    </p>
  )
}
