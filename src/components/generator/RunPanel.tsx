import { lazyModule } from '../../app/lazy-module.ts'
import { RESULTS_ID, useGenerator } from '../../generator/generator-context.ts'
import { useMedia } from '../../media/media-context.ts'

const useInputsForm = lazyModule(() => import('../InputsForm.tsx'))

/** Below this width the results sit under the form: a run brings them into view. */
const ONE_COLUMN = '(max-width: 767.98px)'

/** The app's inputs form (the chat's own, with every field type) and Run / Stop. */
export function RunPanel() {
  const { store, features, t } = useGenerator()
  const inputs = features.inputs.value
  const parameters = features.parameters.value
  const hasFields = parameters.fields.length > 0 || parameters.fileFields.length > 0
  const form = useInputsForm(!!inputs && hasFields)
  const media = useMedia()
  const takesFiles = !!media?.attachments.rules.value
  // A run waits for the pictures still uploading, as the chat's Send does.
  const busy = store.busy.value || (media?.attachments.uploading.value ?? false)

  const run = () => {
    if (store.busy.peek() || media?.attachments.uploading.peek()) return
    if (globalThis.matchMedia?.(ONE_COLUMN).matches) {
      document.getElementById(RESULTS_ID)?.scrollIntoView({ block: 'start' })
    }
    void store.run()
  }

  return (
    <div data-part="run-panel">
      {inputs && hasFields && form ? (
        <form.InputsForm inputs={inputs} onDone={run} />
      ) : (
        inputs && !hasFields && <p data-part="generator-note">{t('gen.noFields')}</p>
      )}
      {media && takesFiles && (
        <fieldset data-part="run-files" {...media.parts.fileDrop(media)}>
          <legend>{t('gen.files')}</legend>
          <media.parts.Attachments media={media} />
          <media.parts.AttachButton media={media} />
        </fieldset>
      )}
      <div data-part="run-actions">
        {/* aria-disabled, not disabled: the pressed button keeps the focus while its state flips. */}
        <button type="button" data-part="run" aria-disabled={busy} onClick={run}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M7 5v14l12-7z" />
          </svg>
          <span>{t('gen.run')}</span>
        </button>
        <button
          type="button"
          data-part="run-stop"
          aria-disabled={!store.busy.value}
          onClick={store.stop}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="6" y="6" width="12" height="12" rx="2" />
          </svg>
          <span>{t('gen.stop')}</span>
        </button>
      </div>
    </div>
  )
}
