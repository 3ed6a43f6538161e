import type { MessageKey } from '../i18n/translate.ts'
import type { FileField, InputProblem } from '../inputs/inputs.ts'
import type { InputsState } from '../inputs/inputs-state.ts'
import { useT } from '../i18n/translate-context.ts'
import { InputsLabelText } from './InputsLabelText.tsx'

export interface InputsLinkFieldProps {
  id: string
  field: FileField & { links: NonNullable<FileField['links']> }
  inputs: InputsState
  problem: InputProblem | undefined
  problemKey: Record<InputProblem['code'], MessageKey>
}

/**
 * A `file` / `file-list` input that Dify takes only as links (`remote_url`): a box for the
 * address, or one per line for a list; Dify fetches the files itself.
 */
export function InputsLinkField({ id, field, inputs, problem, problemKey }: InputsLinkFieldProps) {
  const t = useT()
  const value = inputs.values.value[field.variable]
  const text = typeof value === 'string' ? value : ''
  const described = [`${id}-hint`, problem ? `${id}-error` : ''].filter(Boolean).join(' ')
  const common = {
    id,
    'data-part': 'inputs-control',
    value: text,
    placeholder: 'https://',
    disabled: inputs.locked.value,
    'aria-required': field.required || undefined,
    'aria-invalid': problem ? ('true' as const) : undefined,
    'aria-describedby': described,
    onInput: (event: Event) =>
      inputs.set(field.variable, (event.currentTarget as HTMLInputElement).value),
  }
  return (
    <div data-part="inputs-field" data-type="link" data-invalid={String(!!problem)}>
      <label data-part="inputs-label" for={id}>
        <InputsLabelText field={field} />
      </label>
      {field.multiple ? (
        <textarea {...common} rows={Math.min(field.links.max, 3)} />
      ) : (
        <input {...common} type="url" inputMode="url" />
      )}
      <p data-part="inputs-hint" id={`${id}-hint`}>
        {field.hint ||
          (field.multiple
            ? t('inputs.linksHint', { max: String(field.links.max) })
            : t('inputs.linkHint'))}
      </p>
      {problem && (
        <p data-part="inputs-error" id={`${id}-error`}>
          {t(problemKey[problem.code], 'max' in problem ? { max: String(problem.max) } : {})}
        </p>
      )}
    </div>
  )
}
