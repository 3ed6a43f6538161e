import type { EndpointConfig } from '../config/types.ts'
import { entriesAsBuilt } from './entries-as-built.ts'
import type { EndpointShare, ShareImages } from '../share/share-images.ts'

/** One endpoint's share images as scripts/build-workers.ts drew them into the Worker's assets. */
export interface BuiltShare {
  id: string
  /** shareLookOf the endpoint the images were drawn for. */
  look: string
  share: EndpointShare
}

/**
 * What of an endpoint's config its card and icons show (its pack is baked into the same build).
 * The Worker's config arrives only at run time, so a page points at the build's images only when
 * this matches the build's.
 */
export function shareLookOf(endpoint: EndpointConfig): string {
  const { id, botName, theme, locale, brand } = endpoint
  return JSON.stringify({ id, botName, theme, locale: locale ?? null, brand: brand ?? null })
}

/**
 * The Worker's share images: those the build drew for endpoints that still look the same. The
 * asset layer serves the PNGs under `/share/<id>/`, so none is drawn or served here; an endpoint
 * drawn for another config gets no card (a `summary` link preview, the favicon as its icon).
 */
export function builtShareImages(
  endpoints: readonly EndpointConfig[],
  built: readonly BuiltShare[],
  log: (line: string) => void,
): ShareImages {
  const { matched, unmatched } = entriesAsBuilt(endpoints, built, shareLookOf)
  if (unmatched.length > 0) {
    log(
      `No link preview card or app icons were built for ${unmatched.join(', ')}: ` +
        'build with this config (npm run build:workers -- --config <file>).',
    )
  }
  const shares = new Map([...matched].map(([id, entry]) => [id, entry.share]))
  return { endpoints: shares, png: () => undefined }
}
