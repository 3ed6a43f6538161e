import { Announcer } from './Announcer.tsx'
import { AppContext, type AppContextValue } from '../app/app-context.ts'
import { Composer } from './Composer.tsx'
import { ConversationPanel } from './ConversationPanel.tsx'
import { useConversations } from '../conversations/conversations-context.ts'
import { ErrorNotice } from './ErrorNotice.tsx'
import { Header } from './Header.tsx'
import { MessageLog } from './MessageLog.tsx'
import { TranslateContext } from '../i18n/translate-context.ts'

/** The whole chat: the same DOM for every theme; the layout options only switch parts on. */
export function App(props: AppContextValue) {
  const { layout } = props.boot
  const { panel } = useConversations()
  return (
    <AppContext.Provider value={props}>
      <TranslateContext.Provider value={props.t}>
        <div
          data-part="app"
          data-avatars={String(layout.avatars)}
          data-timestamps={String(layout.timestamps)}
          data-tails={String(layout.bubbleTails)}
          data-busy={String(props.store.busy.value)}
          data-sidebar={String(panel.sidebar.value)}
        >
          <a href="#chatskins-input" data-part="skip-link" class="cs-visually-hidden">
            {props.t('skip.toComposer')}
          </a>
          <Header />
          <ConversationPanel />
          <main data-part="main">
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
