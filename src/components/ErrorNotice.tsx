import type { ChatError } from '../api/chat-error.ts'
import { errorMessageKey } from '../api/chat-error.ts'
import { useApp } from '../app/app-context.ts'
import { lazyModule } from '../app/lazy-module.ts'
import { useT } from '../i18n/translate-context.ts'
import { focusComposer } from './Composer.tsx'

const useErrorDetails = lazyModule(() => import('./ErrorDetails.tsx'))

/** The chat's last error, above the composer. */
export function ErrorNotice() {
  const { store } = useApp()
  return (
    <ErrorBanner
      error={store.error.value}
      onDismiss={() => {
        store.dismissError()
        focusComposer()
      }}
    />
  )
}

/** What went wrong, in plain words on one line; the code and request id wait behind "Details". */
export function ErrorBanner({
  error,
  onDismiss,
}: {
  error: ChatError | null
  onDismiss: () => void
}) {
  const t = useT()
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
        onClick={onDismiss}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
        <span class="sr-only">{t('error.dismiss')}</span>
      </button>
    </div>
  )
}
