import type { EndpointConfig } from '../config/types.ts'

/** Where a copied snippet points until the operator says otherwise: Dify's cloud. */
const DIFY_CLOUD = 'https://api.dify.ai/v1'

/**
 * The endpoint's look as an operator would write it in chatskins.json: theme, name, locale,
 * scheme, app type and brand. No secret and nothing about this server's Dify: the key is an
 * environment placeholder named after the endpoint, the API base Dify's cloud.
 */
export function configSnippet(config: EndpointConfig): string {
  const snippet = {
    id: config.id,
    theme: config.theme,
    botName: config.botName,
    ...(config.locale ? { locale: config.locale } : {}),
    ...(config.scheme === 'auto' ? {} : { scheme: config.scheme }),
    ...(config.app ? { app: config.app } : {}),
    ...(config.brand ? { brand: config.brand } : {}),
    dify: { apiBase: DIFY_CLOUD, apiKey: `\${${keyVariable(config.id)}}` },
  }
  return JSON.stringify(snippet, null, 2)
}

/** `shop-ja` → `SHOP_JA_DIFY_API_KEY`: one variable per endpoint, so snippets combine. */
function keyVariable(id: string): string {
  const stem = id.toUpperCase().replace(/[^A-Z0-9]+/g, '_')
  return `${/^[0-9]/.test(stem) ? `_${stem}` : stem}_DIFY_API_KEY`
}
