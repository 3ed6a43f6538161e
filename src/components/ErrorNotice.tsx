import { errorMessageKey } from '../api/chat-error.ts'
import { useApp } from '../app/app-context.ts'
import { lazyModule } from '../app/lazy-module.ts'
import { focusComposer } from './Composer.tsx'

const useErrorDetails = lazyModule(() => import('./ErrorDetails.tsx'))

/** What went wrong, in plain words on one line; the code and request id wait behind "Details". */
export function ErrorNotice() {
  const { store, t } = useApp()
  const error = store.error.value
  const details = useErrorDetails(error !== null)
  if (!error) return null
  const message = t(errorMessageKey(error))
  return (
    <div data-part="error" role="alert">
      <p data-part="error-text">{message}</p>
      {details && <details.ErrorDetails error={error} message={message} />}
      <button
        type="button"
        data-part="error-dismiss"
        title={t('error.dismiss')}
        onClick={() => {
          store.dismissError()
          focusComposer()
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
        <span class="cs-visually-hidden">{t('error.dismiss')}</span>
      </button>
    </div>
  )
}
