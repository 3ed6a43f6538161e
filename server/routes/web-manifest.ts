import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { imageTypeOfUrl } from '../brand/image-kind.ts'

/**
 * `GET /:id/manifest.webmanifest`: so "Add to Home Screen" opens the chat full screen, named after
 * the bot, with its theme colour (the brand accent, else the pack's) and PNG icons drawn from the
 * brand's favicon, avatar or logo, else the pack's favicon (server/share/share-images.ts). Where
 * no icons are drawn (Workers), the favicon itself is the icon.
 */
export function webManifestHandler(c: Context<AppEnv>) {
  const { config, pack, brand, share } = c.get('endpoint')
  const base = `/${encodeURIComponent(config.id)}/`
  const favicon =
    brand?.images.favicon ??
    `/themes/${encodeURIComponent(pack.manifest.id)}/${pack.manifest.favicon}?v=${pack.version}`
  const icons = share
    ? share.icons.map(({ path, size }) => ({
        src: path,
        sizes: `${size}x${size}`,
        type: 'image/png',
        purpose: 'any',
      }))
    : [
        {
          src: favicon,
          sizes: 'any',
          type: (brand?.images.favicon && imageTypeOfUrl(favicon)) ?? 'image/svg+xml',
        },
      ]
  const accent = config.brand?.accent
  const manifest = {
    name: config.botName,
    short_name: [...config.botName].slice(0, 12).join(''),
    description: pack.manifest.description,
    start_url: base,
    scope: base,
    id: base,
    display: 'standalone',
    ...(share
      ? { theme_color: share.themeColor, background_color: share.backgroundColor }
      : accent
        ? { theme_color: accent }
        : {}),
    icons,
  }
  return c.body(JSON.stringify(manifest), 200, {
    'Content-Type': 'application/manifest+json',
    'Cache-Control': 'no-cache',
  })
}
