import { useFeatures } from '../app/features-context.ts'
import { lazyModule } from '../app/lazy-module.ts'

const useInputsForm = lazyModule(() => import('./InputsForm.tsx'))

/**
 * The app's inputs: a form until the conversation starts, then a summary that opens on demand.
 * Most apps have none, so the form's code loads only for those that do.
 */
export function InputsPanel() {
  const features = useFeatures()
  const parameters = features?.parameters.value
  const inputs = features?.inputs.value
  const wanted =
    !!inputs && !!parameters && (parameters.fields.length > 0 || parameters.fileFields.length > 0)
  const module = useInputsForm(wanted)
  if (!inputs || !wanted || !module) return null
  return inputs.locked.value ? (
    <module.InputsSummary inputs={inputs} />
  ) : (
    <module.InputsForm inputs={inputs} />
  )
}
