import type { Context, Hono } from 'hono'
import { supportedLocale } from '../../src/i18n/pick-locale.ts'
import type { Locale } from '../../contract/locales.ts'
import type { AppEnv, EndpointRuntime } from '../app-env.ts'
import type { ChatskinsConfig } from '../config/types.ts'
import { answerDelivery } from '../delivery/answer-delivery.ts'
import { HttpError } from '../errors.ts'
import { renderPage } from '../page/render-page.ts'
import { FRAMES, renderGallery, type Frame } from './gallery-page.ts'
import { readLocale, readScheme } from './preview-choice.ts'

export interface GalleryRouteOptions {
  config: ChatskinsConfig
  endpoints: ReadonlyMap<string, EndpointRuntime>
  /** The built index.html, as for an endpoint's page. */
  pageTemplate: () => Promise<string>
  compress: boolean
}

const NOTHING_HERE = () => new HttpError(404, 'not_found', 'Nothing here.')

/**
 * `GET /` and `GET /:id/preview`. Registered before the endpoint, same-origin and visitor
 * middlewares: neither route reaches Dify or hands out a visitor cookie, and the preview keeps
 * the site's default `frame-ancestors 'self'`, so the gallery may frame it whatever the
 * endpoint's own framing rules.
 */
export function registerGalleryRoutes(app: Hono<AppEnv>, options: GalleryRouteOptions): void {
  const { config, endpoints } = options
  const listed = [...endpoints.values()].filter((endpoint) => endpoint.config.listed !== false)
  const delivery = answerDelivery({ cacheControl: 'no-cache', compress: options.compress })
  app.use('/', delivery)
  app.get('/', (c) => {
    if (!config.gallery) throw NOTHING_HERE()
    const [only] = listed
    if (endpoints.size === 1 && only) {
      return c.redirect(`/${encodeURIComponent(only.config.id)}/`, 302)
    }
    const locale = readLocale(c.req.query('locale'))
    return c.html(
      renderGallery(listed, new URL(c.req.url).origin, {
        scheme: readScheme(c.req.query('scheme')) ?? 'light',
        locale,
        frame: FRAMES.find((frame) => frame === c.req.query('frame')) ?? ('phone' satisfies Frame),
        words: locale ?? visitorLanguage(c),
      }),
    )
  })
  app.use('/:id/preview', delivery)
  app.get('/:id/preview', async (c) => {
    const endpoint = endpoints.get(c.req.param('id'))
    if (!config.gallery || !endpoint || endpoint.config.listed === false) throw NOTHING_HERE()
    const shown = {
      ...endpoint.config,
      locale: readLocale(c.req.query('locale')) ?? endpoint.config.locale,
      scheme: readScheme(c.req.query('scheme')) ?? endpoint.config.scheme,
    }
    const page = renderPage(
      await options.pageTemplate(),
      shown,
      endpoint.pack,
      'chat',
      {
        preview: true,
      },
      endpoint.brand,
    )
    return c.html(page)
  })
}

/** The first language of `Accept-Language` the gallery speaks, else English. */
function visitorLanguage(c: Context<AppEnv>): Locale {
  for (const tag of (c.req.header('accept-language') ?? '').split(',')) {
    const locale = supportedLocale(tag.split(';')[0] ?? '')
    if (locale) return locale
  }
  return 'en'
}
