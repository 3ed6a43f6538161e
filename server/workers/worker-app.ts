import type { DurableObjectNamespace } from 'cloudflare:workers'
import type { Hono } from 'hono'
import { createApp } from '../app.ts'
import type { AppEnv } from '../app-env.ts'
import { ConfigError } from '../config/config-error.ts'
import { configFromEnvironment, type Env } from '../config/from-environment.ts'
import { parseConfig } from '../config/parse-config.ts'
import { parsePublicUrl } from '../share/public-origin.ts'
import type { ThemePack } from '../themes/manifest.ts'
import { createAssetReader, type AssetsBinding } from './asset-reader.ts'
import { brandsAsBuilt, type BuiltBrand } from './built-brands.ts'
import { builtShareImages, type BuiltShare } from './built-share-images.ts'
import { createDurableLimitsStore } from './durable-limits-store.ts'
import type { LimitsCounter } from './limits-counter.ts'

/** The Worker's bindings (wrangler.toml): vars and secrets, the limits' Durable Objects, assets. */
export interface WorkerBindings {
  LIMITS: DurableObjectNamespace<LimitsCounter>
  ASSETS: AssetsBinding
  [name: string]: unknown
}

export interface WorkerAppOptions {
  bindings: WorkerBindings
  pageTemplate: string
  themes: ReadonlyMap<string, ThemePack>
  /** The link preview cards and app icons the build drew (scripts/build-workers.ts). */
  builtShares: readonly BuiltShare[]
  /** The brands the build wrote (scripts/workers-brands.ts). */
  builtBrands: readonly BuiltBrand[]
}

/**
 * The app as a Worker runs it. The config comes as Node's does, from the environment or from a
 * JSON config, here the text of the `CHATSKINS_CONFIG` variable since a Worker has no files.
 * Problems throw a ConfigError naming the field.
 */
export function createWorkerApp({
  bindings,
  pageTemplate,
  themes,
  builtShares,
  builtBrands,
}: WorkerAppOptions): Hono<AppEnv> {
  const env: Env = Object.fromEntries(
    Object.entries(bindings).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )
  const themeIds = [...themes.keys()]
  // A JSON var (a table in wrangler.toml's [vars]) arrives parsed; a secret is always text.
  const configVar = bindings.CHATSKINS_CONFIG
  const configText =
    configVar !== null && typeof configVar === 'object'
      ? JSON.stringify(configVar)
      : env.CHATSKINS_CONFIG
  const config = configText
    ? parseConfig(configText, 'CHATSKINS_CONFIG', env, themeIds)
    : configFromEnvironment(env, themeIds)

  let sessionSecret = env.SESSION_SECRET
  if (!sessionSecret) {
    // Isolates come and go; each would sign visitors with its own secret and lose their chats.
    if (config.endpoints.some((endpoint) => endpoint.dify.kind === 'remote')) {
      throw new ConfigError(
        'environment',
        'SESSION_SECRET',
        'must be set as a Worker secret (`npx wrangler secret put SESSION_SECRET`)',
      )
    }
    console.log('SESSION_SECRET is not set: the demo signs visitors with a random key per isolate.')
    sessionSecret = [...crypto.getRandomValues(new Uint8Array(32))]
      .map((byte) => byte.toString(16).padStart(2, '0'))
      .join('')
  }

  const publicUrl = parsePublicUrl(env.PUBLIC_URL)
  return createApp({
    // Cloudflare compresses at the edge; a body gzipped here would reach workerd encoded twice.
    compressAnswers: false,
    config,
    themes,
    sessionSecret,
    pageTemplate: async () => pageTemplate,
    // The asset layer answers every other file that exists before the Worker runs.
    readStatic: createAssetReader(bindings.ASSETS),
    limitsStore: createDurableLimitsStore(bindings.LIMITS),
    remoteAddress: (c) => c.req.header('cf-connecting-ip'),
    brands: brandsAsBuilt(config.endpoints, builtBrands, (line) => console.log(line)),
    shareImages: builtShareImages(config.endpoints, builtShares, (line) => console.log(line)),
    ...(publicUrl ? { publicUrl } : {}),
  })
}
