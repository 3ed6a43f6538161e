import { Announcer } from './Announcer.tsx'
import { AppContext, type AppContextValue } from '../app/app-context.ts'
import { Composer } from './Composer.tsx'
import { ConversationPanel } from './ConversationPanel.tsx'
import { useConversations } from '../conversations/conversations-context.ts'
import { ErrorNotice } from './ErrorNotice.tsx'
import { Header } from './Header.tsx'
import { MessageLog } from './MessageLog.tsx'
import { TranslateContext } from '../i18n/translate-context.ts'
import { SkipLink } from './SkipLink.tsx'

/** The whole chat: the same DOM for every theme; the layout options only switch parts on. */
export function App(props: AppContextValue) {
  const { layout } = props.boot
  const { panel } = useConversations()
  return (
    <AppContext.Provider value={props}>
      <TranslateContext.Provider value={props.t}>
        <div
          data-part="app"
          class="relative flex h-screen w-full flex-col overflow-hidden supports-[height:100dvh]:h-dvh data-[sidebar=true]:grid"
          data-avatars={String(layout.avatars)}
          data-timestamps={String(layout.timestamps)}
          data-tails={String(layout.bubbleTails)}
          data-busy={String(props.store.busy.value)}
          data-sidebar={String(panel.sidebar.value)}
        >
          <SkipLink target="chatskins-input">{props.t('skip.toComposer')}</SkipLink>
          <Header />
          <ConversationPanel />
          <main data-part="main" class="flex min-h-0 flex-1 flex-col">
            <MessageLog />
            <ErrorNotice />
            <Composer />
          </main>
          <Announcer />
        </div>
      </TranslateContext.Provider>
    </AppContext.Provider>
  )
}
