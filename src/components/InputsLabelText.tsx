import { useT } from '../i18n/translate-context.ts'

/** An input's label text with its mark: `*` when required, "optional" otherwise. */
export function InputsLabelText({ field }: { field: { label: string; required: boolean } }) {
  const t = useT()
  return (
    <>
      <span data-part="inputs-label-text">{field.label}</span>
      {field.required ? (
        <span data-part="inputs-required" aria-hidden="true">
          *
        </span>
      ) : (
        <span data-part="inputs-optional">{t('inputs.optional')}</span>
      )}
    </>
  )
}
