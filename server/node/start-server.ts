import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { createApp, createDifyClientFactory, type AppOptions } from '../app.ts'
import { createAppModes } from '../app-mode/app-modes.ts'
import { loadBrands } from '../brand/load-brands.ts'
import { applyGallerySwitch } from '../config/gallery-switch.ts'
import { loadConfig } from '../config/load-config.ts'
import type { Env } from '../config/from-environment.ts'
import type { ChatskinsConfig } from '../config/types.ts'
import { connectFleetState } from '../fleet/fleet-state.ts'
import { listenForMetrics } from '../metrics/metrics-listener.ts'
import { metricsSettings } from '../metrics/metrics-env.ts'
import { createPrometheusMetrics } from '../metrics/prometheus-metrics.ts'
import { parsePublicUrl } from '../share/public-origin.ts'
import { createShareImages } from '../share/share-images.ts'
import { createMemoryLimitsStore } from '../security/limits-store.ts'
import { createThemeCssCache } from '../themes/compile-theme-css.ts'
import { loadThemes } from '../themes/load-themes.ts'
import { createThemeCssFiles } from '../themes/theme-css-files.ts'
import { createNodeDirectTalk } from './node-direct-talk.ts'
import { createStaticReader } from './static-files.ts'

const DEMO_NOTICE =
  'Demo mode is for trying chatskins out: the demo bot keeps a bounded, forgetful memory and no real ' +
  'LLM. Set DIFY_API_KEY (or a config) before you let others use it.'

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
  /** The METRICS_PORT listener's base URL, when there is one. */
  metricsUrl?: string
  config: ChatskinsConfig
  /** Stops accepting, lets open streams finish until `graceMs`, then closes the rest. */
  close(graceMs?: number): Promise<void>
  /**
   * Shutdown as a balancer needs it (docs/operating.md#lifecycle): for `graceMs` the instance
   * still accepts and serves, `/readyz` answers 503 and every response closes its connection, so
   * the balancer takes it out while nothing is refused; then `close(0)` cuts what is left.
   */
  drain(graceMs: number): Promise<void>
}

/** Loads themes and config, builds the app and serves it on HOST:PORT (default 127.0.0.1:8787). */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { root, env } = options
  const log = options.log ?? ((line: string) => console.log(line))
  const themesDir = join(root, 'themes')
  const themes = loadThemes(themesDir)
  const withThemeCss = await createThemeCssFiles({
    themesDir,
    packIds: themes.keys(),
    cache: createThemeCssCache({
      cacheDir: join(root, 'node_modules', '.cache', 'chatskins-themes'),
    }),
    ...(options.dev ? { watch: true } : {}),
  })
  const config = applyGallerySwitch(
    options.config ?? loadConfig({ env, argv: options.argv ?? [], themeIds: [...themes.keys()] }),
    env,
  )

  const brands = loadBrands({ config, themes, themesDir, log })
  const shareImages = createShareImages({ config, themes, themesDir, brands })
  const publicUrl = parsePublicUrl(env.PUBLIC_URL)

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
  const difyClientFor = createDifyClientFactory()
  const appModes = createAppModes({
    endpoints: config.endpoints.map((endpoint) => ({
      config: endpoint,
      dify: difyClientFor(endpoint),
    })),
    source: config.source,
  })
  // A contradiction between config and Dify stops the start; an unreachable Dify does not.
  await appModes.checkAtStart()
  const metricsAt = metricsSettings(env)
  const metrics = createPrometheusMetrics()
  const fleet = config.redis
    ? await connectFleetState(config.redis, { warn: log, onOutage: metrics.redisFallback })
    : undefined
  let draining = false
  const app = createApp({
    config,
    appModes,
    themes,
    sessionSecret,
    pageTemplate: async () => template,
    readStatic: withThemeCss(createStaticReader({ client: clientDir, themes: themesDir })),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.dev ? { dev: true } : {}),
    directTalk: direct.talk,
    requestLog: (entry) => {
      log(JSON.stringify(entry))
      metrics.observeRequest(entry)
    },
    turnObserver: metrics.turnObserver,
    limitsStore: metrics.countingStreams(fleet?.limits ?? createMemoryLimitsStore()),
    ...(fleet ? { openai: { conversations: fleet.conversations } } : {}),
    ...(fleet ? { taskOwners: fleet.taskOwners } : {}),
    readiness: { checks: fleet ? [fleet.ready] : [], draining: () => draining },
    ...(metricsAt.token ? { metrics: { token: metricsAt.token, render: metrics.render } } : {}),
    remoteAddress: (c) => getConnInfo(c).remote.address,
    trustedProxies,
    brands,
    shareImages,
    ...(publicUrl ? { publicUrl } : {}),
  })
  const hostname = env.HOST ?? '127.0.0.1'
  const port = Number(env.PORT ?? 8787)
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: direct.wrap(app.fetch), hostname, port }, () => resolve(started))
    started.once('error', reject)
  })
  const metricsListener =
    metricsAt.port === undefined
      ? undefined
      : await listenForMetrics(metrics, hostname, metricsAt.port)
  const address = server.address() as AddressInfo
  const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${address.port}`
  log(`chatskins serving ${config.endpoints.length} endpoint(s) from ${config.source} on ${url}`)
  for (const endpoint of config.endpoints) {
    const mode = await appModes.kindOf(endpoint.id)
    const app = 'kind' in mode ? mode.kind : `unknown (${mode.problem})`
    log(
      `  ${url}/${endpoint.id}/  theme=${endpoint.theme} app=${app}${endpoint.dify.kind === 'demo' ? ' (demo bot)' : ''}`,
    )
  }
  if (config.endpoints.some((endpoint) => endpoint.dify.kind === 'demo')) log(DEMO_NOTICE)

  if (metricsListener) log(`  metrics on ${metricsListener.url}/metrics`)
  if (config.redis) log('  limits and task owners shared through Redis')

  // While draining, no connection is kept alive: a balancer's pooled connections and a browser's
  // next request open afresh, and reach another instance once this one stops listening.
  server.prependListener('request', (_request, response) => {
    if (draining) response.setHeader('Connection', 'close')
  })
  const close = (graceMs = 10_000) =>
    new Promise<void>((resolve) => {
      draining = true
      metricsListener?.server.close()
      const deadline = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections()
      }, graceMs)
      deadline.unref()
      if ('closeIdleConnections' in server) server.closeIdleConnections()
      server.close(() => {
        clearTimeout(deadline)
        fleet?.close()
        resolve()
      })
    })
  return {
    url,
    ...(metricsListener ? { metricsUrl: metricsListener.url } : {}),
    config,
    close,
    async drain(graceMs) {
      draining = true
      await new Promise((resolve) => setTimeout(resolve, graceMs))
      await close(0)
    },
  }
}
