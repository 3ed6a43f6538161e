import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpError } from '../errors.ts'
import type { ShareImages } from './share-images.ts'

/** `GET /share/:id/:file`: an endpoint's link preview card or app icon, content-hashed, for a year. */
export function shareFileHandler(images: ShareImages | undefined) {
  return async (c: Context<AppEnv>) => {
    const png = images?.png(c.req.param('id') ?? '', c.req.param('file') ?? '')
    if (!png) throw new HttpError(404, 'not_found', 'No such file.')
    return c.body((await png) as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'image/png',
      'Cache-Control': 'public, max-age=31536000, immutable',
    })
  }
}
