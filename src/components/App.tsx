import { Announcer } from './Announcer.tsx'
import { AppContext, type AppContextValue } from './app-context.ts'
import { Composer } from './Composer.tsx'
import { ErrorNotice } from './ErrorNotice.tsx'
import { Header } from './Header.tsx'
import { MessageLog } from './MessageLog.tsx'

/** The whole chat: the same DOM for every theme; the layout options only switch parts on. */
export function App(props: AppContextValue) {
  const { layout } = props.boot
  return (
    <AppContext.Provider value={props}>
      <div
        data-part="app"
        data-avatars={String(layout.avatars)}
        data-timestamps={String(layout.timestamps)}
        data-tails={String(layout.bubbleTails)}
        data-busy={String(props.store.busy.value)}
      >
        <Header />
        <main data-part="main">
          <MessageLog />
          <ErrorNotice />
          <Composer />
        </main>
        <Announcer />
      </div>
    </AppContext.Provider>
  )
}
