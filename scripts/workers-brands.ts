// A Worker has no files to read brand images from, so scripts/build-workers.ts writes each
// endpoint's brand (its images and derived brand.css, as server/brand/load-brands.ts made them for
// Node) into the assets, at Node's `/brand/<id>/…` URLs (docs/branding.md).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EndpointBrand } from '../server/brand/load-brands.ts'
import type { ChatskinsConfig } from '../server/config/types.ts'
import { brandLookOf, type BuiltBrand } from '../server/workers/built-brands.ts'

export interface WorkersBrandsOptions {
  config: ChatskinsConfig
  brands: ReadonlyMap<string, EndpointBrand>
  /** dist/workers/assets: the files go under its `brand/<id>/`. */
  assetsDir: string
}

/** Writes every branded endpoint's files into the assets and returns what its pages link. */
export function writeWorkersBrands({ config, brands, assetsDir }: WorkersBrandsOptions) {
  const built: BuiltBrand[] = []
  for (const endpoint of config.endpoints) {
    const brand = brands.get(endpoint.id)
    if (!brand) continue
    const folder = join(assetsDir, 'brand', endpoint.id)
    mkdirSync(folder, { recursive: true })
    for (const [name, file] of brand.files) writeFileSync(join(folder, name), file.body)
    built.push({
      id: endpoint.id,
      look: brandLookOf(endpoint),
      stylesheetUrl: brand.stylesheetUrl,
      images: brand.images,
      css: new TextDecoder().decode(brand.files.get('brand.css')!.body),
    })
  }
  return built
}
