import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { acceptedCodings } from '../delivery/encodings.ts'
import { HttpError } from '../errors.ts'
import type { EndpointBrand } from './load-brands.ts'

/** `GET /brand/:id/:file`: an endpoint's brand stylesheet and images, content-hashed, for a year. */
export function brandFileHandler(brands: ReadonlyMap<string, EndpointBrand>) {
  return (c: Context<AppEnv>) => {
    const file = brands.get(c.req.param('id') ?? '')?.files.get(c.req.param('file') ?? '')
    if (!file) throw new HttpError(404, 'not_found', 'No such file.')
    const coding = file.compressed ? acceptedCodings(c.req.header('Accept-Encoding'))[0] : undefined
    const body = coding ? file.compressed![coding] : file.body
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      ...(file.compressed ? { Vary: 'Accept-Encoding' } : {}),
      ...(coding ? { 'Content-Encoding': coding } : {}),
    })
  }
}
