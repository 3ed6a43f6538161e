import { useRef } from 'preact/hooks'
import { useApp } from '../app/app-context.ts'
import { useConversations } from '../conversations/conversations-context.ts'
import { useWhenVisible } from '../conversations/use-when-visible.ts'

/**
 * The top of the log while a conversation's history is incomplete: a quiet loading line for the
 * newest page, then "Load earlier messages" (also loaded by scrolling up), or why it failed.
 */
export function HistoryStart() {
  const { t } = useApp()
  const { history } = useConversations()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const canLoad = history.canLoadOlder.value
  const loading = history.loadingOlder.value
  const error = history.error.value
  // A failure waits for a click, so a broken server isn't asked again and again.
  useWhenVisible(buttonRef, history.loadOlder, {
    armed: canLoad && !loading && !error,
    root: '[data-part=log]',
  })

  if (history.restoring.value) {
    return (
      <p data-part="history-loading" role="status">
        {t('history.loading')}
      </p>
    )
  }
  if (!canLoad && !error) return null
  return (
    <div data-part="history-start">
      {error && (
        <p data-part="history-error" role="alert">
          {t('history.loadFailed')}
        </p>
      )}
      {canLoad && (
        <button
          ref={buttonRef}
          type="button"
          data-part="load-earlier"
          aria-disabled={loading}
          onClick={() => void history.loadOlder()}
        >
          {t(
            loading
              ? 'history.loadingEarlier'
              : error
                ? 'conversations.retry'
                : 'history.loadEarlier',
          )}
        </button>
      )}
    </div>
  )
}
