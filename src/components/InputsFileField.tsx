import { useRef } from 'preact/hooks'
import type { MessageKey } from '../i18n/translate.ts'
import type { FileField, InputProblem } from '../inputs/inputs.ts'
import type { InputsState } from '../inputs/inputs-state.ts'
import { useT } from '../i18n/translate-context.ts'
import { AttachmentList, problemText } from './Attachments.tsx'
import { HiddenFilePicker } from './HiddenFilePicker.tsx'
import { InputsLabelText } from './InputsLabelText.tsx'

export interface InputsFileFieldProps {
  id: string
  field: FileField
  inputs: InputsState
  problem: InputProblem | undefined
  problemKey: Record<InputProblem['code'], MessageKey>
}

/**
 * A `file` / `file-list` input: a picker limited to the variable's own types and count, its
 * uploads with progress and removal (the composer's attachment parts), and what went wrong.
 */
export function InputsFileField({ id, field, inputs, problem, problemKey }: InputsFileFieldProps) {
  const t = useT()
  const pickerRef = useRef<HTMLInputElement>(null)
  const uploads = inputs.uploadsOf(field.variable)
  const rules = uploads?.rules.value
  if (!uploads || !rules) return null
  const items = uploads.items.value
  const full = items.filter((item) => item.status.value !== 'failed').length >= rules.maxFiles
  const uploadProblem = uploads.problem.value
  const described = problem ? `${id}-error` : undefined
  return (
    <div data-part="inputs-field" data-type="file" data-invalid={String(!!problem)}>
      <p data-part="inputs-label" id={`${id}-label`}>
        <InputsLabelText field={field} />
      </p>
      {field.hint && <p data-part="inputs-hint">{field.hint}</p>}
      {items.length > 0 && <AttachmentList attachments={uploads} label={field.label} />}
      <HiddenFilePicker
        part="inputs-file-input"
        inputRef={pickerRef}
        multiple={field.multiple}
        accept={uploads.accept.value}
        onFiles={(files) => inputs.addFiles(field.variable, files)}
      />
      {!full && (
        <button
          type="button"
          id={id}
          data-part="inputs-file-choose"
          class="min-h-10 rounded-control border-(length:--cs-border-width) border-hairline bg-input px-3 text-sm font-[550] text-on-input"
          aria-describedby={[`${id}-label`, described].filter(Boolean).join(' ')}
          aria-invalid={problem ? 'true' : undefined}
          aria-required={field.required || undefined}
          onClick={() => pickerRef.current?.click()}
        >
          {field.multiple
            ? t('inputs.chooseFiles', { max: String(rules.maxFiles) })
            : t('inputs.chooseFile')}
        </button>
      )}
      {uploadProblem && (
        <p data-part="inputs-error" role="alert">
          {problemText(uploadProblem, t)}
        </p>
      )}
      {problem && !uploadProblem && (
        <p data-part="inputs-error" id={`${id}-error`}>
          {t(problemKey[problem.code])}
        </p>
      )}
    </div>
  )
}
