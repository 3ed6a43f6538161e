import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import type { ReadStatic } from '../delivery/static-handler.ts'
import { HttpError } from '../errors.ts'
import { readJsonBody } from '../http/read-json-body.ts'
import { SUPPORTED_LOCALES, type Locale } from '../../contract/locales.ts'
import { isEmbedOrigin } from './embed-origins.ts'
import {
  clearedEmbedCookies,
  embedCookie,
  isEmbedRequest,
  SITE_IDENTITY_COOKIE,
} from './embed-visitor.ts'
import { launcherLabels } from './launcher-labels.ts'
import { launcherTheme } from './launcher-theme.ts'
import { verifySiteToken } from './site-token.ts'

/** A token is a few hundred bytes; anything bigger is not one. */
const MAX_IDENTIFY_BYTES = 4096

const REFUSALS = {
  malformed: 'this is not a signed token (a plain user id is never trusted)',
  forged: 'the signature does not match this endpoint’s embedSecret',
  expired: 'the token has expired',
} as const

/**
 * `GET /embed.js`: the host page's script. Its URL can't carry a hash (operators paste it once), so
 * it is cached briefly and revalidated; it is loadable from any origin, including COEP pages.
 */
export function registerEmbedScript(app: Hono<AppEnv>, readStatic: ReadStatic): void {
  app.get('/embed.js', async (c) => {
    const file = await readStatic('static/embed.js', [])
    if (!file) throw new HttpError(404, 'not_found', 'embed.js is not built (npm run build).')
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.contentType,
      'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400',
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    })
  })
}

/**
 * The endpoint's embed routes: the launcher's config module (which also carries a refusal the
 * site owner reads in the console), and the panel's identify and logout.
 */
export function registerEmbedRoutes(app: Hono<AppEnv>, readStatic: ReadStatic): void {
  const themeCss = new Map<string, Promise<string>>()
  const cssOf = (theme: string) => {
    let css = themeCss.get(theme)
    if (!css) {
      css = readStatic(`themes/${theme}/theme.css`, []).then((file) =>
        file ? new TextDecoder().decode(file.body) : '',
      )
      themeCss.set(theme, css)
    }
    return css
  }

  // A module, so the host page needs nothing but the chat origin in `script-src`; a browser
  // fetches it in CORS mode, so `Origin` names the page that asks.
  app.get('/:id/embed-config.js', async (c) => {
    const { config, pack, brand } = c.get('endpoint')
    const brandCss = brand?.files.get('brand.css')?.body
    const origin = c.req.header('origin')
    const pinned = c.req.query('locale')
    const locale = SUPPORTED_LOCALES.includes(pinned as Locale)
      ? pinned!
      : (config.locale ?? pack.manifest.defaultLocale)
    const body = isEmbedOrigin(config, origin)
      ? {
          botName: config.botName,
          labels: launcherLabels(locale, config.botName),
          page: `/${config.id}/?embed=${encodeURIComponent(origin!)}`,
          ...launcherTheme(
            new URL(c.req.url).origin,
            config,
            pack,
            await cssOf(pack.manifest.id),
            brandCss && new TextDecoder().decode(brandCss),
          ),
        }
      : {
          error:
            `chatskins: ${origin ?? 'this page'} may not embed endpoint "${config.id}". ` +
            `Add it to that endpoint's embedOrigins in the chatskins config.`,
        }
    return c.body(`export default ${JSON.stringify(body)}\n`, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Access-Control-Allow-Origin': origin ?? '*',
      Vary: 'Origin',
    })
  })

  app.post('/:id/api/embed/identify', async (c) => {
    const { config } = embedOnly(c)
    if (!config.embedSecret) {
      throw new HttpError(
        403,
        'identify_disabled',
        'This endpoint has no embedSecret: identify is off.',
      )
    }
    const { token } = await readJsonBody(c.req.raw, MAX_IDENTIFY_BYTES)
    const result =
      typeof token === 'string'
        ? await verifySiteToken(config.embedSecret, token)
        : ({ ok: false, reason: 'malformed' } as const)
    if (!result.ok) {
      throw new HttpError(401, 'identity_refused', `Identity refused: ${REFUSALS[result.reason]}.`)
    }
    const previous = getCookie(c, SITE_IDENTITY_COOKIE)
    const before = previous ? await verifySiteToken(config.embedSecret, previous) : null
    const changed = !before?.ok || before.identity.sub !== result.identity.sub
    const maxAge = result.identity.exp - Math.floor(Date.now() / 1000)
    const response = c.json({ ok: true, changed })
    response.headers.append(
      'Set-Cookie',
      embedCookie(c, SITE_IDENTITY_COOKIE, token as string, maxAge),
    )
    return response
  })

  app.post('/:id/api/embed/logout', (c) => {
    embedOnly(c)
    const response = c.json({ ok: true })
    for (const cookie of clearedEmbedCookies(c)) response.headers.append('Set-Cookie', cookie)
    return response
  })
}

/** Identity routes serve the embed panel only: the chat's own page has no site user. */
function embedOnly(c: Context<AppEnv>) {
  if (!isEmbedRequest(c)) throw new HttpError(404, 'not_found', 'Nothing here.')
  return c.get('endpoint')
}
