import type { MiddlewareHandler } from 'hono'
import { generateCookie, getCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import type { VisitorSigner } from './visitor-signer.ts'

export const VISITOR_COOKIE = 'chatskins_visitor'
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

/**
 * Identifies the visitor by a signed, HttpOnly, SameSite=Lax cookie scoped to the endpoint's path,
 * issuing a fresh random id when the cookie is absent or forged. The Dify `user` is derived here
 * and nowhere else, so the browser can never choose it.
 */
export function visitorMiddleware(signer: VisitorSigner): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const endpointId = c.get('endpoint').config.id
    const cookie = getCookie(c, VISITOR_COOKIE)
    let visitorId = cookie ? await signer.verify(endpointId, cookie) : null
    let newCookie: string | undefined
    if (!visitorId) {
      visitorId = crypto.randomUUID()
      const url = new URL(c.req.url)
      newCookie = generateCookie(VISITOR_COOKIE, await signer.sign(endpointId, visitorId), {
        path: `/${endpointId}/`,
        httpOnly: true,
        sameSite: 'Lax',
        secure: url.protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
        maxAge: ONE_YEAR_SECONDS,
      })
    }
    c.set('visitor', { id: visitorId, user: `chatskins:${endpointId}:${visitorId}` })
    await next()
    // Appended to whatever response the route built, streams and errors included.
    if (newCookie) c.res.headers.append('Set-Cookie', newCookie)
  }
}
