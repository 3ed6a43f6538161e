import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { renderPage } from '../page/render-page.ts'

/** `GET /:id/`: the chat page of one endpoint, rendered from the built index.html. */
export function pageHandler(template: () => Promise<string>) {
  return async (c: Context<AppEnv>) => {
    const { config, pack, brand } = c.get('endpoint')
    return c.html(renderPage(await template(), config, pack, brand))
  }
}
