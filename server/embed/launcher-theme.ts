import type { EndpointConfig } from '../config/types.ts'
import type { ThemePack } from '../themes/manifest.ts'

/** What `/embed.js` needs to draw an endpoint's launcher before the panel loads. */
export interface LauncherTheme {
  theme: string
  scheme: EndpointConfig['scheme']
  /**
   * theme.css, then the endpoint's brand.css, for the launcher's shadow root: `:root` rules land
   * on its `[data-part=embed]`.
   */
  css: string
  /** The wrapper carries `data-brand`, as the page's root does, so the brand's rules apply. */
  brand: boolean
  /** Where the css's relative `url(…)`s resolve. */
  cssBase: string
  /** The pack's `launcherIcon`, or null for the built-in glyph. */
  icon: string | null
}

/**
 * The pack's own theme.css, scoped to the launcher: tokens set on `:root[data-theme=…]` apply to
 * the shadow root's wrapper, which carries the same attributes, and `[data-part=launcher]` rules
 * style the button. So a pack themes its launcher with CSS alone. The brand's stylesheet follows,
 * scoped the same way, so its accent outweighs the pack's there as on the page (docs/branding.md).
 */
export function launcherTheme(
  origin: string,
  config: EndpointConfig,
  pack: ThemePack,
  themeCss: string,
  brandCss?: string,
): LauncherTheme {
  const base = `${origin}/themes/${encodeURIComponent(pack.manifest.id)}/`
  const { launcherIcon } = pack.manifest
  return {
    theme: pack.manifest.id,
    scheme: config.scheme,
    css: (themeCss + (brandCss ?? '')).replace(/:root\b/g, "[data-part='embed']"),
    brand: brandCss !== undefined,
    cssBase: base,
    icon: launcherIcon ? `${base}${encodeURIComponent(launcherIcon)}?v=${pack.version}` : null,
  }
}
