import { useEffect, useRef } from 'preact/hooks'
import { useApp } from '../app/app-context.ts'
import { ConversationItem } from './ConversationItem.tsx'
import { PANEL_TITLE_ID, useConversations } from '../conversations/conversations-context.ts'
import { useWhenVisible } from '../conversations/use-when-visible.ts'
import { focusComposer } from './Composer.tsx'

/** The panel's content: New chat, the conversations (paged as they scroll in), their states. */
export function ConversationList({ drawer }: { drawer: boolean }) {
  const { store, t } = useApp()
  const { list, panel } = useConversations()
  const newChatRef = useRef<HTMLButtonElement>(null)
  const moreRef = useRef<HTMLButtonElement>(null)
  const items = list.items.value
  const loading = list.loading.value
  const loadFailed = list.loadFailed.value

  useEffect(() => list.ensureLoaded(), [])
  useWhenVisible(moreRef, list.loadMore, {
    armed: list.hasMore.value && !loading && !loadFailed,
    root: '[data-part=conversations-scroll]',
  })

  const now = new Date()
  return (
    <>
      <div data-part="conversations-header">
        <h2 id={PANEL_TITLE_ID} data-part="conversations-title">
          {t('conversations.title')}
        </h2>
        {drawer && (
          <button
            type="button"
            data-part="conversations-close"
            class="icon-button"
            autoFocus
            onClick={panel.closeDrawer}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
            <span class="sr-only">{t('conversations.close')}</span>
          </button>
        )}
      </div>
      <button
        ref={newChatRef}
        type="button"
        data-part="conversations-new"
        onClick={() => {
          store.newChat()
          panel.closeDrawer()
          focusComposer()
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 5v14M5 12h14" />
        </svg>
        <span>{t('header.newChat')}</span>
      </button>
      <div data-part="conversations-scroll">
        <ul data-part="conversations-list" aria-busy={loading !== null}>
          {items.map((conversation) => (
            <ConversationItem
              key={conversation.id}
              conversation={conversation}
              now={now}
              onRemoved={() => newChatRef.current?.focus()}
            />
          ))}
        </ul>
        {loading === 'first' && items.length === 0 && (
          <p data-part="conversations-loading" role="status">
            {t('conversations.loading')}
          </p>
        )}
        {list.loaded.value && !loading && items.length === 0 && (
          <p data-part="conversations-empty">{t('conversations.empty')}</p>
        )}
        {loadFailed && (
          <div data-part="conversations-error" role="alert">
            <p>{t('conversations.loadFailed')}</p>
            <button type="button" data-part="conversations-retry" onClick={list.retry}>
              {t('conversations.retry')}
            </button>
          </div>
        )}
        {list.hasMore.value && !loadFailed && (
          <button
            ref={moreRef}
            type="button"
            data-part="conversations-more"
            aria-disabled={loading === 'more'}
            onClick={list.loadMore}
          >
            {t(loading === 'more' ? 'conversations.loadingMore' : 'conversations.more')}
          </button>
        )}
      </div>
    </>
  )
}
