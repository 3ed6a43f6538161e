import { signal } from '@preact/signals'
import { render } from 'preact'
import type { BootData } from '../contract/dify-wire.ts'
import { createAppApi } from './api/app-api.ts'
import { createEndpointApi } from './api/endpoint-api.ts'
import { createHistoryApi } from './api/history-api.ts'
import { App } from './components/App.tsx'
import { ConversationsContext } from './conversations/conversations-context.ts'
import { FeaturesContext } from './app/features-context.ts'
import { MediaContext, type Media } from './media/media-context.ts'
import { loadTranslator } from './i18n/translate.ts'
import { preloadMarkdown } from './markdown/load-markdown.ts'
import { createAppFeatures } from './app/app-features.ts'
import { createChatStore } from './chat/chat-store.ts'
import { createConversationList } from './conversations/conversation-list.ts'
import { createConversationPanel, WIDE_QUERY } from './conversations/conversation-list-panel.ts'
import { createConversationStorage } from './conversations/conversation-storage.ts'
import { createHistoryStore } from './conversations/history-store.ts'
import { wantsMedia } from './media/media-features.ts'
import type { SampleBackend } from './preview/sample-backend.ts'

/**
 * The chat page of a chat endpoint (Chatbot, Agent, Chatflow), rendered into `root`. With
 * `sample`, it is the gallery's live preview: the real client on a built-in conversation, never
 * the network or lasting storage (src/preview/).
 */
export async function startChatPage(
  boot: BootData,
  root: HTMLElement,
  sample?: SampleBackend,
): Promise<void> {
  /** The host page's origin when this page is an embed panel (src/embedded/). */
  const host = boot.embed?.host
  const appApi = sample?.app ?? createAppApi(boot.endpointId)
  // One `/parameters` request, read by the features and by the media buttons.
  const parameters = appApi.parameters()
  parameters.catch(() => {})
  // Files and voice: their code loads only for an app that switches one of them on.
  const media = signal<Media | null>(null)
  parameters
    .then(async (raw) => {
      if (!wantsMedia(raw)) return
      const [{ createMedia }, parts] = await Promise.all([
        import('./media/media.ts'),
        import('./media/media-parts.ts'),
      ])
      const state = createMedia({
        endpointId: boot.endpointId,
        parameters: raw,
        draft: store.draft,
      })
      media.value = { ...state, parts }
    })
    .catch(() => {})
  const features = createAppFeatures({
    api: { ...appApi, parameters: () => parameters },
    endpointId: boot.endpointId,
    search: location.search,
    storage: sample?.storage,
  })
  // An embed panel keeps its conversation apart from the chat page's, and apart per host site.
  const storage = createConversationStorage(
    host ? `${boot.endpointId}:embed:${host}` : boot.endpointId,
    sample?.storage,
  )
  const store = createChatStore({
    api: sample?.endpoint ?? createEndpointApi(boot.endpointId),
    storage,
    getInputs: features.inputsForTurn,
    checkInputs: features.checkInputs,
    onAnswer: features.afterAnswer,
    // Regenerate sends the files of the question it asks again, not the composer's.
    takeFiles: (question) =>
      question
        ? (media.peek()?.attachments.take(question) ?? [])
        : (media.peek()?.attachments.filesOf(store.messages.peek().at(-2)) ?? []),
    restoreFiles: (files) => media.peek()?.attachments.restore(files),
    onStreamEvent: (message, event) => media.peek()?.readAloud.onStreamEvent(message, event),
  })
  features.attach(store)
  void features.load()
  const historyApi = sample?.history ?? createHistoryApi(boot.endpointId)
  const history = createHistoryStore({
    api: historyApi,
    chat: store,
    onConversationInputs: features.conversationInputs,
  })
  const conversations = {
    history,
    list: createConversationList({ api: historyApi, chat: store, history }),
    panel: createConversationPanel({
      endpointId: boot.endpointId,
      // The panel is too small for a sidebar: its list is always a drawer.
      wide: host ? null : (globalThis.matchMedia?.(WIDE_QUERY) ?? null),
      storage: sample?.storage,
    }),
  }
  // A stored conversation comes back with its answers, which need the markdown renderer.
  if (store.conversationId.value) preloadMarkdown()
  history.restore()
  sample?.show(store, features)
  // Only embed panels load the bridge to their host page. It connects before the first render:
  // its `ready` reaches the host page while the panel renders, and the host's `open` then focuses
  // the composer as it appears, instead of one round trip after it.
  const bridge = host
    ? import('./embedded/connect-chat-host.ts').then(({ connectChatHost }) =>
        connectChatHost({ endpointId: boot.endpointId, host, store, features, storage }),
      )
    : undefined
  const t = await loadTranslator(boot.locale)
  // A bridge that fails to load leaves the chat rendered, as before it was awaited: usable, only
  // not driven by the host page.
  await bridge?.catch((error: unknown) => console.error(error))
  render(
    <FeaturesContext.Provider value={features}>
      <ConversationsContext.Provider value={conversations}>
        <MediaContext.Provider value={media}>
          <App boot={boot} store={store} t={t} bot={{ bot: boot.botName }} />
        </MediaContext.Provider>
      </ConversationsContext.Provider>
    </FeaturesContext.Provider>,
    root,
  )
}
