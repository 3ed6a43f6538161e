import { useState } from 'preact/hooks'
import type { ChatError } from '../api/chat-error.ts'
import { useT } from '../i18n/translate-context.ts'
import { copyText } from '../chat/clipboard.ts'

/**
 * Behind the error's "Details": what only helps support, the code and the request id, and a
 * button that copies both. Loaded when an error first shows.
 */
export function ErrorDetails({ error, message }: { error: ChatError; message: string }) {
  const t = useT()
  const [copied, setCopied] = useState(false)
  const code = t('error.code', { code: error.code })
  const ref = error.requestId ? `${t('error.ref')} ${error.requestId}` : ''
  return (
    <details data-part="error-details" onToggle={() => setCopied(false)}>
      <summary data-part="error-details-toggle">{t('error.details')}</summary>
      <div data-part="error-details-body">
        {/* Phones cut the line above short; the alert has already said it whole. */}
        <p data-part="error-full-text" aria-hidden="true">
          {message}
        </p>
        <p data-part="error-code">{code}</p>
        {error.requestId && (
          <p data-part="error-ref">
            {t('error.ref')} <code data-part="error-ref-id">{error.requestId}</code>
          </p>
        )}
        <button
          type="button"
          data-part="error-copy"
          onClick={async () => setCopied(await copyText(ref ? `${code}\n${ref}` : code))}
        >
          {t(copied ? 'actions.copied' : 'error.copyDetails')}
        </button>
      </div>
    </details>
  )
}
