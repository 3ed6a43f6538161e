import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { renderPage } from '../page/render-page.ts'
import { shareMetaTags } from '../page/share-meta.ts'

/** `GET /:id/`: the chat page of one endpoint, rendered from the built index.html. */
export function pageHandler(template: () => Promise<string>) {
  return async (c: Context<AppEnv>) => {
    const endpoint = c.get('endpoint')
    const { config, pack, brand } = endpoint
    return c.html(renderPage(await template(), config, pack, brand, shareMetaTags(endpoint)))
  }
}
