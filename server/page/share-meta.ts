import type { EndpointRuntime } from '../app-env.ts'
import { escapeHtml } from '../../contract/escape-html.ts'

/**
 * What a link unfurler (Slack, LINE, KakaoTalk) and a phone's "Add to Home Screen" read from the
 * page's <head>: Open Graph and Twitter card tags, and the endpoint's web app manifest. Every
 * value is config text, escaped for a quoted attribute, so it stays inert text. `origin` makes
 * the URLs absolute, as Open Graph wants them (server/share/public-origin.ts).
 */
export function shareMetaTags({ config, pack, share }: EndpointRuntime, origin: string): string[] {
  const description = pack.manifest.description
  const meta = (attribute: 'property' | 'name', key: string, value: string) =>
    `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`
  const page = `/${encodeURIComponent(config.id)}/`
  const image = share
    ? [
        meta('property', 'og:image', origin + share.card.path),
        meta('property', 'og:image:type', 'image/png'),
        meta('property', 'og:image:width', String(share.card.width)),
        meta('property', 'og:image:height', String(share.card.height)),
        meta('property', 'og:image:alt', share.card.alt),
        meta('name', 'twitter:image', origin + share.card.path),
        meta('name', 'twitter:image:alt', share.card.alt),
      ]
    : []
  return [
    meta('property', 'og:type', 'website'),
    meta('property', 'og:url', origin + page),
    meta('property', 'og:title', config.botName),
    meta('property', 'og:description', description),
    ...image,
    meta('name', 'twitter:card', share ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', config.botName),
    meta('name', 'twitter:description', description),
    ...(share ? [meta('name', 'theme-color', share.themeColor)] : []),
    `<link rel="manifest" href="${page}manifest.webmanifest">`,
  ]
}
