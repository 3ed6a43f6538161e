import { errorMessageKey } from '../api/chat-error.ts'
import { useApp } from '../app/app-context.ts'

export function ErrorNotice() {
  const { store, t } = useApp()
  const error = store.error.value
  if (!error) return null
  return (
    <div data-part="error" role="alert">
      <p data-part="error-text">{t(errorMessageKey(error))}</p>
      <p data-part="error-code">{t('error.code', { code: error.code })}</p>
      {error.requestId && (
        <p data-part="error-ref">
          {t('error.ref')} <code data-part="error-ref-id">{error.requestId}</code>
        </p>
      )}
      <button type="button" data-part="error-dismiss" onClick={store.dismissError}>
        {t('error.dismiss')}
      </button>
    </div>
  )
}
