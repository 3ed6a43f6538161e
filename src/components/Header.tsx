import { useApp } from '../app/app-context.ts'
import { Avatar } from './Avatar.tsx'
import { lazyModule } from '../app/lazy-module.ts'
import { ConversationsToggle } from './ConversationsToggle.tsx'
import { focusComposer } from './Composer.tsx'

/** Only embed panels have a close button (src/embedded/). */
const useEmbedClose = lazyModule(() => import('./EmbedCloseButton.tsx'))

export function Header() {
  const { boot, store, t } = useApp()
  const embedClose = useEmbedClose(boot.embed !== undefined)
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
        class="max-sm:aspect-square max-sm:justify-center max-sm:px-0"
        onClick={() => {
          store.newChat()
          focusComposer()
        }}
        disabled={store.messages.value.length === 0 && !store.conversationId.value}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 5v14M5 12h14" />
        </svg>
        {/* On phones the icon alone, so the bot's name keeps the room; the text stays its label. */}
        <span class="max-sm:sr-only">{t('header.newChat')}</span>
      </button>
      {boot.embed && embedClose && <embedClose.EmbedCloseButton host={boot.embed.host} />}
    </header>
  )
}
