import type { MiddlewareHandler } from 'hono'
import { generateCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import { singleCookie, visitorCookieFor } from './visitor-cookie.ts'
import type { VisitorSigner } from './visitor-signer.ts'
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

/**
 * Identifies the visitor by a signed, HttpOnly, SameSite=Lax cookie (visitor-cookie.ts), issuing
 * a fresh random id when the cookie is absent, forged or sent twice. The Dify `user` is derived here
 * and nowhere else, so the browser can never choose it.
 */
export function visitorMiddleware(signer: VisitorSigner): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const endpointId = c.get('endpoint').config.id
    const secure =
      new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
    const { name, path } = visitorCookieFor(endpointId, secure)
    const cookie = singleCookie(c.req.header('cookie'), name)
    let visitorId = cookie ? await signer.verify(endpointId, cookie) : null
    let newCookie: string | undefined
    if (!visitorId) {
      visitorId = crypto.randomUUID()
      newCookie = generateCookie(name, await signer.sign(endpointId, visitorId), {
        path,
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        maxAge: ONE_YEAR_SECONDS,
      })
    }
    c.set('visitor', { id: visitorId, user: `chatskins:${endpointId}:${visitorId}` })
    await next()
    // Appended to whatever response the route built, streams and errors included.
    if (newCookie) c.res.headers.append('Set-Cookie', newCookie)
  }
}
