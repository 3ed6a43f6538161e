import { useGenerator } from '../../generator/generator-context.ts'
import { STATUS_KEY } from './run-status.ts'

/**
 * Screen readers hear when a run starts and how it ended, not every streamed token: the
 * results themselves are not a live region.
 */
export function RunStatus() {
  const { store, t } = useGenerator()
  const status =
    store.kind === 'completion'
      ? store.results.value[0]?.run.value.status
      : store.restored.value
        ? undefined
        : store.workflow.value?.status
  return (
    <p data-part="generator-announcer" class="sr-only" role="status">
      {status && t(STATUS_KEY[status])}
    </p>
  )
}
