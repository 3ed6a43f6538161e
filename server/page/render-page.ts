import type { AppKind } from '../../contract/app-kind.ts'
import type { BootData } from '../../contract/dify-wire.ts'
import type { EndpointBrand } from '../brand/load-brands.ts'
import type { EndpointConfig } from '../config/types.ts'
import { batchConcurrencyOf } from '../config/validate-batch.ts'
import type { ThemePack } from '../themes/manifest.ts'
import { escapeHtml } from '../../contract/escape-html.ts'
import { jsonForScript } from './json-for-script.ts'

export const HEAD_SLOT = '<!--chatskins:head-->'
export const BOOT_SLOT = '<!--chatskins:boot-->'
const HTML_OPEN_TAG = /<html[^>]*>/

/**
 * Fills the built index.html for one endpoint: theme attributes on <html>, title, theme CSS and
 * favicon in <head>, boot data as inert JSON. Every config string is escaped for where it lands.
 */
export function renderPage(
  template: string,
  endpoint: EndpointConfig,
  pack: ThemePack,
  app: AppKind = 'chat',
  /** The embed panel's host, or the gallery's preview mode. */
  mode: Pick<BootData, 'embed' | 'preview'> = {},
  brand?: EndpointBrand,
  /** Extra <head> tags, already escaped (server/page/share-meta.ts). */
  extraHead: readonly string[] = [],
): string {
  const { manifest } = pack
  const locale = endpoint.locale ?? manifest.defaultLocale
  const boot: BootData = {
    endpointId: endpoint.id,
    botName: endpoint.botName,
    locale,
    theme: manifest.id,
    layout: manifest.layout,
    app,
    ...mode,
    ...(app === 'chat' ? {} : { batchConcurrency: batchConcurrencyOf(endpoint) }),
  }
  const assetBase = `/themes/${encodeURIComponent(manifest.id)}/`
  const embedded = mode.embed ? ' data-embed="true"' : ''
  const scheme = endpoint.scheme === 'auto' ? '' : ` data-scheme="${escapeHtml(endpoint.scheme)}"`
  const favicon = brand?.images.favicon ?? `${assetBase}${manifest.favicon}?v=${pack.version}`
  const head = [
    `<title>${escapeHtml(endpoint.botName)}</title>`,
    `<link rel="icon" href="${escapeHtml(favicon)}">`,
    `<link rel="stylesheet" href="${escapeHtml(`${assetBase}theme.css?v=${pack.version}`)}">`,
    ...(brand ? [`<link rel="stylesheet" href="${escapeHtml(brand.stylesheetUrl)}">`] : []),
    ...extraHead,
  ].join('\n    ')
  const branded = brand ? ' data-brand' : ''
  const bootScript = `<script type="application/json" id="chatskins-boot">${jsonForScript(boot)}</script>`

  return template
    .replace(
      HTML_OPEN_TAG,
      `<html lang="${escapeHtml(locale)}" data-theme="${escapeHtml(manifest.id)}"${scheme}${embedded}${branded}>`,
    )
    .replace(HEAD_SLOT, () => head)
    .replace(BOOT_SLOT, () => bootScript)
}
