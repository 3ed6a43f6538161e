import './styles/tailwind.css'
import './styles/base.css'
import './styles/markdown.css'
import './styles/features.css'
import './styles/conversations.css'
import './styles/media.css'
import './styles/embed.css'
import './styles/visitor.css'
import { readBootData } from './boot.ts'
import { watchCjkFonts } from './fonts/cjk-fonts.ts'
import { pickLocale } from './i18n/pick-locale.ts'
import { preloadMarkdown } from './markdown/load-markdown.ts'
import { markEmbedRequests } from './embedded/embed-requests.ts'
import { startChatPage } from './start-chat.tsx'

// Someone in the composer will soon need the markdown renderer for the answer: fetch it now.
document.addEventListener('focusin', preloadMarkdown, { once: true })
document.addEventListener('keydown', preloadMarkdown, { once: true })

const served = readBootData(document)
if (served.embed?.host) markEmbedRequests()
// The visitor's browser language wins over the endpoint's locale when chatskins speaks it,
// unless the host page of an embed pinned one.
const boot = {
  ...served,
  locale: served.embed?.locale ?? pickLocale(served.locale, navigator.languages ?? []),
}
document.documentElement.lang = boot.locale
const root = document.getElementById('app')
if (!root) throw new Error('chatskins: #app is missing from the page')
// A text generator's page is its own chunk: the chat's first load doesn't carry it. No top-level
// await here: that chunk imports from this one, which must not wait for it.
const started =
  boot.app === 'chat'
    ? startChatPage(boot, root)
    : import('./generator/start-generator-page.tsx').then((page) =>
        page.startGeneratorPage(boot, root),
      )
void started.then(() => watchCjkFonts(root, boot.locale))
