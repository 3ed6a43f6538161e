import type { Context, MiddlewareHandler } from 'hono'
import { generateCookie, getCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import { visitorCookieFor } from '../visitor/visitor-cookie.ts'
import { visitorMiddleware } from '../visitor/visitor-middleware.ts'
import type { VisitorSigner } from '../visitor/visitor-signer.ts'
import { verifySiteToken } from './site-token.ts'

/** The panel's anonymous visitor: its own id, apart from the one on the chat's own page. */
export const EMBED_VISITOR_COOKIE = 'chatskins_embed'
/** The operator's signed token for a site user, kept as given and verified on every request. */
export const SITE_IDENTITY_COOKIE = 'chatskins_site'
/** Sent by the client when it runs inside an embed panel (src/embedded/). */
export const EMBED_HEADER = 'x-chatskins-embed'

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

/**
 * The visitor middleware, aware of the embed: a request from an embed panel gets the panel's own
 * identity (a site user proven by a signed token, else its anonymous embed visitor); any other
 * request is left to the chat page's visitor middleware.
 */
export function embedAwareVisitor(signer: VisitorSigner): MiddlewareHandler<AppEnv> {
  const pageVisitor = visitorMiddleware(signer)
  return async (c, next) => {
    if (!isEmbedRequest(c)) return pageVisitor(c, next)
    const { config } = c.get('endpoint')
    const token = getCookie(c, SITE_IDENTITY_COOKIE)
    if (token && config.embedSecret) {
      const result = await verifySiteToken(config.embedSecret, token)
      if (result.ok) {
        const { sub } = result.identity
        c.set('visitor', { id: `site:${sub}`, user: `chatskins:${config.id}:site:${sub}` })
        return next()
      }
    }
    const cookie = getCookie(c, EMBED_VISITOR_COOKIE)
    let visitorId = cookie ? await signer.verify(config.id, cookie) : null
    let newCookie: string | undefined
    if (!visitorId) {
      visitorId = crypto.randomUUID()
      newCookie = embedCookie(c, EMBED_VISITOR_COOKIE, await signer.sign(config.id, visitorId))
    }
    c.set('visitor', { id: visitorId, user: `chatskins:${config.id}:embed:${visitorId}` })
    await next()
    if (newCookie) c.res.headers.append('Set-Cookie', newCookie)
  }
}

/**
 * The panel says so in a header (its page, in its `?embed=` query); a subresource it can't add one to (a file preview) still counts
 * when it carries only the embed cookie, which browsers send in the host site's partition alone.
 */
export function isEmbedRequest(c: Context<AppEnv>): boolean {
  const { id, embedOrigins } = c.get('endpoint').config
  if (embedOrigins.length === 0) return false
  if (c.req.header(EMBED_HEADER) === '1' || c.req.query('embed') !== undefined) return true
  const pageCookies = [true, false].map((secure) => visitorCookieFor(id, secure).name)
  return (
    pageCookies.every((name) => getCookie(c, name) === undefined) &&
    getCookie(c, EMBED_VISITOR_COOKIE) !== undefined
  )
}

/**
 * A cookie the panel keeps inside another site: `SameSite=None` so the browser sends it in the
 * frame, `Partitioned` so it lives in that host site's jar only (CHIPS), and so `Secure`.
 */
export function embedCookie(
  c: Context<AppEnv>,
  name: string,
  value: string,
  maxAge = ONE_YEAR_SECONDS,
): string {
  return generateCookie(name, value, {
    path: `/${c.get('endpoint').config.id}/`,
    httpOnly: true,
    secure: true,
    sameSite: 'None',
    partitioned: true,
    maxAge,
  })
}

/** Cookies that forget both embed identities: the next request starts a fresh anonymous visitor. */
export function clearedEmbedCookies(c: Context<AppEnv>): string[] {
  return [SITE_IDENTITY_COOKIE, EMBED_VISITOR_COOKIE].map((name) => embedCookie(c, name, '', 0))
}
