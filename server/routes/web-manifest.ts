import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'

/**
 * `GET /:id/manifest.webmanifest`: so "Add to Home Screen" opens the chat full screen, named after
 * the bot, with the brand's favicon (or the pack's) as its icon and the brand accent as its colour.
 */
export function webManifestHandler(c: Context<AppEnv>) {
  const { config, pack, brand } = c.get('endpoint')
  const base = `/${encodeURIComponent(config.id)}/`
  const favicon =
    brand?.images.favicon ??
    `/themes/${encodeURIComponent(pack.manifest.id)}/${pack.manifest.favicon}?v=${pack.version}`
  const icon = brand?.images.favicon
    ? brand.files.get(favicon.slice(favicon.lastIndexOf('/') + 1))
    : undefined
  const manifest = {
    name: config.botName,
    short_name: [...config.botName].slice(0, 12).join(''),
    start_url: base,
    scope: base,
    id: base,
    display: 'standalone',
    ...(config.brand?.accent ? { theme_color: config.brand.accent } : {}),
    icons: [
      {
        src: favicon,
        sizes: 'any',
        type: icon?.contentType ?? 'image/svg+xml',
        purpose: 'any',
      },
    ],
  }
  return c.body(JSON.stringify(manifest), 200, {
    'Content-Type': 'application/manifest+json',
    'Cache-Control': 'no-cache',
  })
}
