import { useEffect, useRef } from 'preact/hooks'
import type { MessageKey, Translate } from '../i18n/translate.ts'
import type { FileField, InputField, InputProblem, InputValue } from '../inputs/inputs.ts'
import type { InputsState } from '../inputs/inputs-state.ts'
import { useT } from '../i18n/translate-context.ts'
import { InputsFileField } from './InputsFileField.tsx'
import { InputsLabelText } from './InputsLabelText.tsx'
import { InputsLinkField } from './InputsLinkField.tsx'

const PROBLEM_KEY: Record<InputProblem['code'], MessageKey> = {
  required: 'inputs.required',
  tooLong: 'inputs.tooLong',
  notAnOption: 'inputs.notAnOption',
  notANumber: 'inputs.notANumber',
  uploading: 'inputs.uploading',
  notALink: 'inputs.notALink',
  tooManyLinks: 'inputs.tooManyLinks',
}

export interface InputsFormProps {
  inputs: InputsState
  /** Enter in a field; the chat's default moves on to the message box. */
  onDone?: () => void
}

/** The form, checked as the visitor types; refused sends focus its first problem. */
export function InputsForm({ inputs, onDone = focusMessageBox }: InputsFormProps) {
  const t = useT()
  const formRef = useRef<HTMLFormElement>(null)
  const focusRequest = inputs.focusRequest.value

  useEffect(() => {
    if (focusRequest === 0) return
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (!first) return
    // The label and the message above and below the control come into view with it.
    first.focus({ preventScroll: true })
    first.closest('[data-part="inputs-field"]')?.scrollIntoView({ block: 'nearest' })
  }, [focusRequest])

  const fileFields = inputs.fileFields.value
  // Files only by link (no upload from the device) can't be given here; say so when required.
  const unsupported = fileFields.filter((field) => !field.rules && !field.links && field.required)
  return (
    <form
      ref={formRef}
      data-part="inputs-form"
      aria-labelledby="chatskins-inputs-title"
      noValidate
      // Enter in a field means "done here": nothing is submitted.
      onSubmit={(event) => {
        event.preventDefault()
        onDone()
      }}
    >
      <p data-part="inputs-title" id="chatskins-inputs-title">
        {t('inputs.title')}
      </p>
      {inputs.fields.value.map((field, index) => (
        <InputsField
          key={field.variable}
          id={`chatskins-field-${index}`}
          field={field}
          value={inputs.values.value[field.variable]}
          problem={inputs.problemFor(field.variable)}
          onChange={(value) => inputs.set(field.variable, value)}
          t={t}
        />
      ))}
      {fileFields.map((field, index) => {
        const { links } = field
        const props = {
          key: field.variable,
          id: `chatskins-file-${index}`,
          inputs,
          problem: inputs.problemFor(field.variable),
          problemKey: PROBLEM_KEY,
        }
        return links ? (
          <InputsLinkField {...props} field={{ ...field, links }} />
        ) : (
          <InputsFileField {...props} field={field} />
        )
      })}
      {unsupported.map((field) => (
        <p key={field.variable} data-part="inputs-note">
          {t('inputs.fileUnsupported', { label: field.label })}
        </p>
      ))}
    </form>
  )
}

function focusMessageBox(): void {
  document.querySelector<HTMLElement>('[data-part="input"]')?.focus()
}

interface InputsFieldProps {
  id: string
  field: InputField
  value: InputValue | undefined
  problem: InputProblem | undefined
  onChange: (value: InputValue) => void
  t: Translate
}

function InputsField({ id, field, value, problem, onChange, t }: InputsFieldProps) {
  const described = [field.hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(' ')
  const common = {
    id,
    'data-part': 'inputs-control',
    'aria-invalid': problem ? ('true' as const) : undefined,
    'aria-required': field.required || undefined,
    'aria-describedby': described || undefined,
  }
  const text = typeof value === 'string' ? value : ''
  const onText = (event: { currentTarget: { value: string } }) =>
    onChange(event.currentTarget.value)

  let control
  switch (field.type) {
    case 'checkbox':
      control = (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
      )
      break
    case 'paragraph':
      control = (
        <textarea
          {...common}
          rows={2}
          value={text}
          placeholder={field.placeholder}
          onInput={onText}
        />
      )
      break
    case 'select':
      control = (
        <select {...common} value={field.options.includes(text) ? text : ''} onChange={onText}>
          <option value="">{t('inputs.choose')}</option>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      )
      break
    default:
      control = (
        <input
          {...common}
          type="text"
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          value={text}
          placeholder={field.placeholder}
          onInput={onText}
        />
      )
  }

  const label = <InputsLabelText field={field} />
  return (
    <div data-part="inputs-field" data-type={field.type} data-invalid={String(!!problem)}>
      {field.type === 'checkbox' ? (
        <label data-part="inputs-label" for={id}>
          {control}
          {label}
        </label>
      ) : (
        <>
          <label data-part="inputs-label" for={id}>
            {label}
          </label>
          {control}
        </>
      )}
      {field.hint && (
        <p data-part="inputs-hint" id={`${id}-hint`}>
          {field.hint}
        </p>
      )}
      {problem && (
        <p data-part="inputs-error" id={`${id}-error`}>
          {t(PROBLEM_KEY[problem.code], 'max' in problem ? { max: String(problem.max) } : {})}
        </p>
      )}
    </div>
  )
}

/** Read-only once the conversation has started: Dify keeps a conversation's inputs as they were. */
export function InputsSummary({ inputs }: { inputs: InputsState }) {
  const t = useT()
  const shown = (field: InputField | FileField) => {
    const value = inputs.values.value[field.variable]
    if (Array.isArray(value)) {
      return value.length > 0 ? value.map((file) => file.name).join(', ') : t('inputs.notSet')
    }
    if ('type' in field && field.type === 'checkbox')
      return t(value === true ? 'inputs.yes' : 'inputs.no')
    return typeof value === 'string' && value.trim() !== '' ? value : t('inputs.notSet')
  }
  return (
    <details data-part="inputs-summary">
      <summary>{t('inputs.summary')}</summary>
      <dl data-part="inputs-values">
        {[...inputs.fields.value, ...inputs.fileFields.value].map((field) => (
          <div key={field.variable} data-part="inputs-value">
            <dt>{field.label}</dt>
            <dd>{shown(field)}</dd>
          </div>
        ))}
      </dl>
      <p data-part="inputs-note">{t('inputs.locked')}</p>
    </details>
  )
}
