import { useApp } from '../app/app-context.ts'
import { Avatar } from './Avatar.tsx'
import { ConversationsToggle } from './ConversationsToggle.tsx'
import { focusComposer } from './Composer.tsx'

export function Header() {
  const { boot, store, t } = useApp()
  const typing = store.phase.value === 'sending' || store.phase.value === 'streaming'
  return (
    <header data-part="header">
      <ConversationsToggle />
      {boot.layout.headerAvatar && <Avatar name={boot.botName} />}
      <div data-part="title">
        <h1 data-part="bot-name">{boot.botName}</h1>
        <p data-part="status" data-typing={String(typing)}>
          {t(typing ? 'header.status.typing' : 'header.status.online')}
        </p>
      </div>
      <button
        type="button"
        data-part="new-chat"
        onClick={() => {
          store.newChat()
          focusComposer()
        }}
        disabled={store.messages.value.length === 0 && !store.conversationId.value}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 5v14M5 12h14" />
        </svg>
        <span>{t('header.newChat')}</span>
      </button>
    </header>
  )
}
