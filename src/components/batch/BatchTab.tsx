import { useMemo } from 'preact/hooks'
import { createRunApi } from '../../api/run-api.ts'
import { lazyModule } from '../../app/lazy-module.ts'
import { useGenerator } from '../../generator/generator-context.ts'

const useBatchPanel = lazyModule(() => import('./BatchPanel.tsx'))

/**
 * The generator page's Batch tab: the panel, papaparse and the batch's strings load the first
 * time it opens; until the app's form has loaded there is nothing to make a template from.
 */
export function BatchTab() {
  const { boot, store, features, t } = useGenerator()
  const module = useBatchPanel(true)
  const api = useMemo(() => createRunApi(boot.endpointId, store.kind), [boot.endpointId])
  const { fields, fileFields } = features.parameters.value
  if (!module || !features.inputs.value) return null
  return (
    <module.default
      endpointId={boot.endpointId}
      kind={store.kind}
      api={api}
      locale={boot.locale}
      concurrency={boot.batchConcurrency ?? 1}
      fields={fields}
      fileFields={fileFields}
      t={t}
    />
  )
}
