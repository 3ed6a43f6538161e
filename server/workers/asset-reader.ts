import type { ReadStatic } from '../delivery/static-handler.ts'

/** The Worker's binding to its own static assets (`[assets] binding` in wrangler.toml). */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>
}

/**
 * The files the asset layer routes to the Worker first (`run_worker_first` in wrangler.toml): a
 * pack's, which Node marks immutable when asked with `?v=<hash>`, a query the asset layer can't
 * match on. Read from the assets, they go through the app's static route as on Node. Cloudflare
 * compresses them at the edge.
 */
export function createAssetReader(assets: AssetsBinding): ReadStatic {
  return async (path) => {
    const answer = await assets.fetch(new Request(new URL('/' + path, 'https://assets.invalid')))
    if (!answer.ok) return null
    return {
      body: new Uint8Array(await answer.arrayBuffer()),
      contentType: answer.headers.get('Content-Type') ?? 'application/octet-stream',
    }
  }
}
