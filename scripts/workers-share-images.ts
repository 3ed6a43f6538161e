// The Worker can't run resvg (a native module), so scripts/build-workers.ts draws each endpoint's
// link preview card and app icons here, with the Node server's code and URLs (docs/sharing.md).
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { EndpointBrand } from '../server/brand/load-brands.ts'
import type { ChatskinsConfig } from '../server/config/types.ts'
import { createShareImages } from '../server/share/share-images.ts'
import type { ThemePack } from '../server/themes/manifest.ts'
import { shareLookOf, type BuiltShare } from '../server/workers/built-share-images.ts'

export interface WorkersShareImagesOptions {
  /** The config the Worker will run (scripts/workers-build-config.ts). */
  config: ChatskinsConfig
  brands: ReadonlyMap<string, EndpointBrand>
  themes: ReadonlyMap<string, ThemePack>
  themesDir: string
  /** dist/workers/assets: the PNGs go under its `share/<id>/`. */
  assetsDir: string
}

/** Draws every endpoint's PNGs into the assets and returns what the Worker's pages point at. */
export async function writeWorkersShareImages(
  options: WorkersShareImagesOptions,
): Promise<BuiltShare[]> {
  const { config, brands, themes, themesDir } = options
  const images = createShareImages({ config, themes, themesDir, brands })
  // A file name carries its content's hash: endpoints with the same icon draw it once.
  const drawn = new Map<string, Uint8Array>()
  const built: BuiltShare[] = []
  for (const endpoint of config.endpoints) {
    const share = images.endpoints.get(endpoint.id)!
    for (const path of [share.card.path, ...share.icons.map((icon) => icon.path)]) {
      const file = path.slice(path.lastIndexOf('/') + 1)
      let png = drawn.get(file)
      if (!png) {
        png = await images.png(endpoint.id, file)!
        drawn.set(file, png)
      }
      const target = join(options.assetsDir, ...path.split('/').map(decodeURIComponent))
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, png)
    }
    built.push({ id: endpoint.id, look: shareLookOf(endpoint), share })
  }
  return built
}
