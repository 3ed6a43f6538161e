import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startServer } from './node/start-server.ts'

/**
 * The server half of `npm run dev`: pages load the client straight from Vite's dev server (which
 * proxies everything else here), so client code hot-reloads; theme files are read per request.
 */
const root = fileURLToPath(new URL('..', import.meta.url))
const template = readFileSync(new URL('../index.html', import.meta.url), 'utf8').replace(
  '<!--chatskins:head-->',
  '<!--chatskins:head-->\n    <script type="module" src="/@vite/client"></script>',
)
await startServer({
  root,
  env: process.env,
  argv: process.argv.slice(2),
  pageTemplate: template,
  dev: true,
})
