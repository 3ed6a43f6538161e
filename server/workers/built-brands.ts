import type { BrandImageUrls } from '../brand/brand-stylesheet.ts'
import type { EndpointBrand } from '../brand/load-brands.ts'
import type { EndpointConfig } from '../config/types.ts'
import { entriesAsBuilt } from './entries-as-built.ts'

/** One endpoint's brand as scripts/build-workers.ts wrote it into the Worker's assets. */
export interface BuiltBrand {
  id: string
  /** brandLookOf the endpoint the brand was built for. */
  look: string
  stylesheetUrl: string
  images: BrandImageUrls
  /** brand.css as text: the embed launcher puts it in its shadow root. */
  css: string
}

/**
 * What of an endpoint's config its brand files come from (its pack is baked into the same build).
 * Image paths stand for their files, which only the build can read.
 */
export function brandLookOf(endpoint: EndpointConfig): string {
  const { id, theme, brand } = endpoint
  return JSON.stringify({ id, theme, brand: brand ?? null })
}

/**
 * The Worker's brands: those the build made for endpoints whose brand is still the same. The
 * asset layer serves their files under `/brand/<id>/`; an endpoint whose brand differs from the
 * build's wears its pack's look, unbranded, rather than another brand's or a half-made one.
 */
export function brandsAsBuilt(
  endpoints: readonly EndpointConfig[],
  built: readonly BuiltBrand[],
  log: (line: string) => void,
): Map<string, EndpointBrand> {
  const branded = endpoints.filter((endpoint) => endpoint.brand)
  const { matched, unmatched } = entriesAsBuilt(branded, built, brandLookOf)
  const brands = new Map<string, EndpointBrand>()
  for (const [id, entry] of matched) {
    const css = {
      body: new TextEncoder().encode(entry.css),
      contentType: 'text/css; charset=utf-8',
    }
    brands.set(id, {
      stylesheetUrl: entry.stylesheetUrl,
      images: entry.images,
      files: new Map([['brand.css', css]]),
    })
  }
  if (unmatched.length > 0) {
    log(
      `No brand was built for ${unmatched.join(', ')}, which show their pack's look: ` +
        'build with this config (npm run build:workers -- --config <file>).',
    )
  }
  return brands
}
