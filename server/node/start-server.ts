import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { createApp, type AppOptions } from '../app.ts'
import { loadBrands } from '../brand/load-brands.ts'
import { applyGallerySwitch } from '../config/gallery-switch.ts'
import { loadConfig } from '../config/load-config.ts'
import type { Env } from '../config/from-environment.ts'
import type { ChatskinsConfig } from '../config/types.ts'
import { loadThemes } from '../themes/load-themes.ts'
import { createNodeDirectTalk } from './node-direct-talk.ts'
import { createStaticReader } from './static-files.ts'

export interface StartOptions {
  root: string
  env: Env
  argv?: readonly string[]
  /** Overrides the config that env/argv would give (tests). */
  config?: ChatskinsConfig
  limits?: AppOptions['limits']
  /** Overrides the built dist/client/index.html (tests that run before a build). */
  pageTemplate?: string
  dev?: boolean
  /** Startup lines, and each request's log entry as a JSON line (default: stdout). */
  log?: (line: string) => void
}

export interface RunningServer {
  url: string
  config: ChatskinsConfig
  /** Stops accepting, lets open streams finish until `graceMs`, then closes the rest. */
  close(graceMs?: number): Promise<void>
}

/** Loads themes and config, builds the app and serves it on HOST:PORT (default 127.0.0.1:8787). */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { root, env } = options
  const log = options.log ?? ((line: string) => console.log(line))
  const themesDir = join(root, 'themes')
  const themes = loadThemes(themesDir)
  const config = applyGallerySwitch(
    options.config ?? loadConfig({ env, argv: options.argv ?? [], themeIds: [...themes.keys()] }),
    env,
  )

  const brands = loadBrands({ config, themes, themesDir, log })

  let sessionSecret = env.SESSION_SECRET
  if (!sessionSecret) {
    sessionSecret = randomBytes(32).toString('base64url')
    log('SESSION_SECRET is not set: using a random one, so visitors get new ids after a restart.')
  }
  const clientDir = join(root, 'dist', 'client')
  const templatePath = join(clientDir, 'index.html')
  const template =
    options.pageTemplate ??
    (await readFile(templatePath, 'utf8').catch(() => {
      throw new Error(`${templatePath} is missing: run \`npm run build\` first`)
    }))

  const direct = createNodeDirectTalk()
  const trustedProxies = Number(env.TRUST_PROXY || 0)
  if (!Number.isInteger(trustedProxies) || trustedProxies < 0 || trustedProxies > 10) {
    throw new Error(
      `TRUST_PROXY must be the number of proxies in front (0-10), not ${env.TRUST_PROXY}`,
    )
  }
  const app = createApp({
    config,
    themes,
    sessionSecret,
    pageTemplate: async () => template,
    readStatic: createStaticReader({ client: clientDir, themes: themesDir }),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.dev ? { dev: true } : {}),
    directTalk: direct.talk,
    requestLog: (entry) => log(JSON.stringify(entry)),
    remoteAddress: (c) => getConnInfo(c).remote.address,
    trustedProxies,
    brands,
  })
  const hostname = env.HOST ?? '127.0.0.1'
  const port = Number(env.PORT ?? 8787)
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: direct.wrap(app.fetch), hostname, port }, () => resolve(started))
    started.once('error', reject)
  })
  const address = server.address() as AddressInfo
  const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${address.port}`
  log(`chatskins serving ${config.endpoints.length} endpoint(s) from ${config.source} on ${url}`)
  for (const endpoint of config.endpoints) {
    log(
      `  ${url}/${endpoint.id}/  theme=${endpoint.theme}${endpoint.dify.kind === 'demo' ? ' (demo bot)' : ''}`,
    )
  }

  return {
    url,
    config,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections()
        }, graceMs)
        deadline.unref()
        if ('closeIdleConnections' in server) server.closeIdleConnections()
        server.close(() => {
          clearTimeout(deadline)
          resolve()
        })
      }),
  }
}
