import type { EndpointRuntime } from '../app-env.ts'
import { escapeHtml } from './escape-html.ts'

/**
 * What a link unfurler (Slack, LINE, KakaoTalk) and a phone's "Add to Home Screen" read from the
 * page's <head>: Open Graph and Twitter card tags, and the endpoint's web app manifest. Every
 * value is config text, escaped for a quoted attribute, so it stays inert text.
 */
export function shareMetaTags({ config, pack }: EndpointRuntime): string[] {
  const description = pack.manifest.description
  const meta = (attribute: 'property' | 'name', key: string, value: string) =>
    `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`
  return [
    meta('property', 'og:type', 'website'),
    meta('property', 'og:title', config.botName),
    meta('property', 'og:description', description),
    meta('name', 'twitter:card', 'summary'),
    meta('name', 'twitter:title', config.botName),
    meta('name', 'twitter:description', description),
    `<link rel="manifest" href="/${encodeURIComponent(config.id)}/manifest.webmanifest">`,
  ]
}
