import { render } from 'preact'
import './styles/base.css'
import './styles/markdown.css'
import { createEndpointApi } from './api/endpoint-api.ts'
import { readBootData } from './boot.ts'
import { App } from './components/App.tsx'
import { watchCjkFonts } from './fonts/cjk-fonts.ts'
import { createTranslator } from './i18n/translate.ts'
import { preloadMarkdown } from './markdown/load-markdown.ts'
import { createChatStore } from './state/chat-store.ts'
import { createConversationStorage } from './state/conversation-storage.ts'

// Someone in the composer will soon need the markdown renderer for the answer: fetch it now.
document.addEventListener('focusin', preloadMarkdown, { once: true })
document.addEventListener('keydown', preloadMarkdown, { once: true })

const boot = readBootData(document)
const store = createChatStore({
  api: createEndpointApi(boot.endpointId),
  storage: createConversationStorage(boot.endpointId),
})
const root = document.getElementById('app')
if (!root) throw new Error('chatskins: #app is missing from the page')
render(
  <App boot={boot} store={store} t={createTranslator(boot.locale)} bot={{ bot: boot.botName }} />,
  root,
)
watchCjkFonts(root, boot.locale)
