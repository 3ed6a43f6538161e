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
    <header
      data-part="header"
      class="relative z-1 flex flex-none items-center gap-(--cs-space-3) px-(--cs-space-4) py-(--cs-space-3) pt-[max(var(--cs-space-3),env(safe-area-inset-top))] embed:gap-(--cs-space-2) embed:px-(--cs-space-3) embed:py-(--cs-space-2)"
    >
      <ConversationsToggle />
      {boot.layout.headerAvatar && <Avatar name={boot.botName} />}
      <div data-part="title" class="min-w-0 flex-1">
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
        {/* On phones and in an embed panel the icon alone, so the bot's name keeps the room; the
            text stays its label. */}
        <span class="max-sm:sr-only embed:sr-only">{t('header.newChat')}</span>
      </button>
      {boot.embed && embedClose && <embedClose.EmbedCloseButton host={boot.embed.host} />}
    </header>
  )
}
