import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import type { AppModes } from '../app-mode/app-modes.ts'
import { SUPPORTED_LOCALES, type Locale } from '../../contract/locales.ts'
import { isEmbedOrigin } from '../embed/embed-origins.ts'
import { withEmbedPreloads } from '../embed/embed-preloads.ts'
import { renderPage } from '../page/render-page.ts'
import { renderUnavailablePage } from '../page/unavailable-page.ts'
import { shareMetaTags } from '../page/share-meta.ts'

/**
 * `GET /:id/`: the page of one endpoint, rendered from the built index.html for its app type; a
 * readable 503 page when that type can't be learnt from Dify.
 */
export function pageHandler(
  template: () => Promise<string>,
  modes: AppModes,
  /** The origin for the page's absolute URLs (og:image, og:url). */
  publicOrigin: (c: Context<AppEnv>) => string,
) {
  return async (c: Context<AppEnv>) => {
    const endpoint = c.get('endpoint')
    const { config, pack, brand } = endpoint
    // `?embed=<host origin>` (from /embed.js) gives the embedded layout, for listed hosts only.
    const host = c.req.query('embed')
    const locale = c.req.query('locale')
    const embed = isEmbedOrigin(config, host)
      ? {
          host: host!.toLowerCase(),
          ...(SUPPORTED_LOCALES.includes(locale as Locale) ? { locale } : {}),
        }
      : undefined
    const mode = await modes.kindOf(config.id)
    if ('problem' in mode) {
      return c.html(renderUnavailablePage(config, pack, mode.problem), 503, {
        'Cache-Control': 'no-store',
        'Retry-After': '10',
      })
    }
    const html = embed
      ? withEmbedPreloads(await template(), {
          ...(embed.locale ? { pinned: embed.locale } : {}),
          configured: config.locale ?? pack.manifest.defaultLocale,
          acceptLanguage: c.req.header('accept-language'),
        })
      : await template()
    return c.html(
      renderPage(
        html,
        config,
        pack,
        mode.kind,
        embed ? { embed } : {},
        brand,
        shareMetaTags(endpoint, publicOrigin(c)),
      ),
    )
  }
}
