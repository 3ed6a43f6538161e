import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { SUPPORTED_LOCALES, type Locale } from '../config/types.ts'
import { isEmbedOrigin } from '../embed/embed-origins.ts'
import { renderPage } from '../page/render-page.ts'

/** `GET /:id/`: the chat page of one endpoint, rendered from the built index.html. */
export function pageHandler(template: () => Promise<string>) {
  return async (c: Context<AppEnv>) => {
    const { config, pack } = c.get('endpoint')
    // `?embed=<host origin>` (from /embed.js) gives the embedded layout, for listed hosts only.
    const host = c.req.query('embed')
    const locale = c.req.query('locale')
    const embed = isEmbedOrigin(config, host)
      ? {
          host: host!.toLowerCase(),
          ...(SUPPORTED_LOCALES.includes(locale as Locale) ? { locale } : {}),
        }
      : undefined
    return c.html(renderPage(await template(), config, pack, embed), 200, {
      'Cache-Control': 'no-store',
    })
  }
}
