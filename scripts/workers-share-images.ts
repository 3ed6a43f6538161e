// The Worker can't run resvg (a native module), so scripts/build-workers.ts draws each endpoint's
// link preview card and app icons here, with the Node server's code and URLs (docs/sharing.md).
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { loadBrands } from '../server/brand/load-brands.ts'
import { ENV_VARIABLE } from '../server/config/expand-env.ts'
import { configFromEnvironment } from '../server/config/from-environment.ts'
import { readConfigFile } from '../server/config/load-config.ts'
import { parseConfig } from '../server/config/parse-config.ts'
import type { ChatskinsConfig } from '../server/config/types.ts'
import { createShareImages } from '../server/share/share-images.ts'
import type { ThemePack } from '../server/themes/manifest.ts'
import { shareLookOf, type BuiltShare } from '../server/workers/built-share-images.ts'

export interface WorkersShareImagesOptions {
  /** `--config <file>`, or undefined for the environment quick start (BOT_NAME, THEME, LOCALE). */
  configPath: string | undefined
  env: Record<string, string | undefined>
  themes: ReadonlyMap<string, ThemePack>
  themesDir: string
  /** dist/workers/assets: the PNGs go under its `share/<id>/`. */
  assetsDir: string
}

/** Draws every endpoint's PNGs into the assets and returns what the Worker's pages point at. */
export async function writeWorkersShareImages(
  options: WorkersShareImagesOptions,
): Promise<BuiltShare[]> {
  const { themes, themesDir } = options
  const config = buildConfig(options)
  const brands = loadBrands({ config, themes, themesDir, log: (line) => console.log(line) })
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

/**
 * The config the Worker will run, read as Node reads it. Secrets are not at hand when building,
 * and only the look matters here, so a `${VAR}` that is not set stands for a placeholder.
 */
function buildConfig({ configPath, env, themes }: WorkersShareImagesOptions): ChatskinsConfig {
  const themeIds = [...themes.keys()]
  if (!configPath) return configFromEnvironment(env, themeIds)
  const text = readConfigFile(configPath)
  const placeholders = Object.fromEntries(
    [...text.matchAll(ENV_VARIABLE)].map(([, name]) => [name!, 'https://unset.invalid']),
  )
  return parseConfig(text, configPath, { ...placeholders, ...env }, themeIds)
}
