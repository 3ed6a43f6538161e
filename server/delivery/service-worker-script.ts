import type { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpError } from '../errors.ts'
import { acceptedCodings } from './encodings.ts'
import type { ReadStatic } from './static-handler.ts'

/**
 * `GET /sw.js`: the service worker (src/service-worker/), from the site's root so that it may
 * control every endpoint's page. Revalidated on each check, so a new build's worker (and cache)
 * takes over on the next visit.
 */
export function registerServiceWorkerScript(app: Hono<AppEnv>, readStatic: ReadStatic): void {
  app.get('/sw.js', async (c) => {
    const file = await readStatic('static/sw.js', acceptedCodings(c.req.header('Accept-Encoding')))
    if (!file) throw new HttpError(404, 'not_found', 'sw.js is not built (npm run build).')
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.contentType,
      'Cache-Control': 'no-cache',
      Vary: 'Accept-Encoding',
      ...(file.encoding ? { 'Content-Encoding': file.encoding } : {}),
    })
  })
}
