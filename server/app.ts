import { SERVER_AUDIO_MAX_BYTES, SERVER_UPLOAD_MAX_BYTES } from '../contract/upload-limits.ts'
import { Hono } from 'hono'
import type { AppEnv, EndpointRuntime } from './app-env.ts'
import { createAppModes, type AppModes } from './app-mode/app-modes.ts'
import type { ChatskinsConfig, EndpointConfig } from './config/types.ts'
import { STATIC_FOLDERS } from './config/validate.ts'
import { createFakeDify, DEMO_API_BASE, DEMO_API_KEYS } from './demo/fake-dify.ts'
import { createDifyClient, type DifyClient } from './dify/dify-client.ts'
import { registerEmbedRoutes, registerEmbedScript } from './embed/embed-routes.ts'
import { embedAwareVisitor } from './embed/embed-visitor.ts'
import { brandFileHandler } from './brand/brand-route.ts'
import type { EndpointBrand } from './brand/load-brands.ts'
import { answerDelivery } from './delivery/answer-delivery.ts'
import { registerServiceWorkerScript } from './delivery/service-worker-script.ts'
import { staticHandler, type ReadStatic } from './delivery/static-handler.ts'
import { errorResponse, HttpError } from './errors.ts'
import { requestLog, type RequestLogEntry } from './http/request-log.ts'
import {
  createUploadGate,
  DEFAULT_UPLOAD_GATE,
  uploadTurns,
  type UploadGateOptions,
} from './http/upload-gate.ts'
import { securityHeadersMiddleware } from './http/security-headers.ts'
import { createDifyReachability } from './health/dify-reachability.ts'
import { metricsHandler, type MetricsRouteOptions } from './health/metrics-route.ts'
import { readinessHandler, type ReadinessCheck } from './health/readiness-route.ts'
import { registerDifyApiRoutes, type DifyApiRouteOptions } from './routes/dify-api-routes.ts'
import { registerRunRoutes } from './runs/run-routes.ts'
import { createMemoryTaskOwners, type TaskOwners } from './runs/task-owners.ts'
import {
  DEFAULT_OPENAI_LIMITS,
  registerOpenAiRoutes,
  type OpenAiRouteOptions,
} from './openai/openai-routes.ts'
import { pageHandler } from './routes/page.ts'
import type { DirectTalk } from './relay/direct-talk.ts'
import { publicOriginOf } from './share/public-origin.ts'
import type { ShareImages } from './share/share-images.ts'
import { shareFileHandler } from './share/share-route.ts'
import { registerGalleryRoutes } from './gallery/gallery-routes.ts'
import { webManifestHandler } from './routes/web-manifest.ts'
import { talkHandler, type TalkOptions } from './routes/talk.ts'
import type { TurnObserver } from './routes/turn-observer.ts'
import type { ThemePack } from './themes/manifest.ts'
import {
  createCostlyRouteLimits,
  type CostlyRouteLimitOptions,
} from './security/costly-route-limits.ts'
import { createMemoryLimitsStore, type LimitsStore } from './security/limits-store.ts'
import { allowedHostsOnly } from './security/allowed-hosts.ts'
import { sameOriginOnly } from './security/same-origin.ts'
import { createVisitorSigner } from './visitor/visitor-signer.ts'

export interface AppOptions {
  config: ChatskinsConfig
  themes: ReadonlyMap<string, ThemePack>
  sessionSecret: string
  /** The built index.html; a function so `npm run dev` can serve Vite's fresh one. */
  pageTemplate: () => Promise<string>
  /**
   * Reads a built client file (`assets/…`, `static/…`, `fonts/…`) or a theme file (`themes/<id>/…`),
   * compressed in the first of the given codings it has.
   */
  readStatic: ReadStatic
  limits?: Partial<TalkOptions & DifyApiRouteOptions>
  /** false where the runtime compresses pages and JSON itself (Workers); default true. */
  compressAnswers?: boolean
  /** `npm run dev`: relaxes the CSP just enough for Vite's hot reload. */
  dev?: boolean
  /** The runtime's socket-to-socket fast path for `/talk` (Node: server/node/node-direct-talk.ts). */
  directTalk?: DirectTalk
  /** Receives one entry per request; default: a JSON line on stdout. */
  requestLog?: (entry: RequestLogEntry) => void
  /** The socket's peer address (runtime-specific); without it every client counts as one. */
  remoteAddress?: CostlyRouteLimitOptions['remoteAddress']
  /** TRUST_PROXY: how many proxies in front to believe about the client (`X-Forwarded-*`). */
  trustedProxies?: number
  /** The OpenAI API's shared stores (limits, conversation map) and limits; memory by default. */
  openai?: Partial<OpenAiRouteOptions>
  /** Where the costly routes' and the OpenAI API's limits count (a fleet: Redis); default: memory. */
  limitsStore?: LimitsStore
  /** What `/readyz` checks besides each endpoint's Dify (Redis), and whether shutdown began. */
  readiness?: { checks: readonly ReadinessCheck[]; draining: () => boolean }
  /** Each `/talk` turn's timings and failures (metrics). */
  turnObserver?: TurnObserver
  /** `GET /metrics` behind METRICS_TOKEN; absent: no such route here. */
  metrics?: MetricsRouteOptions
  /** Turns for upload bodies (server/http/upload-gate.ts); defaults: DEFAULT_UPLOAD_GATE. */
  uploadGate?: Partial<UploadGateOptions>
  /** Each endpoint's app type; built from the endpoints when the caller has not checked them. */
  appModes?: AppModes
  /** Who started each text-generator task; one process's memory unless a shared store is given. */
  taskOwners?: TaskOwners
  /** Each branded endpoint's brand, read and checked at start (server/brand/load-brands.ts). */
  brands?: ReadonlyMap<string, EndpointBrand>
  /** Each endpoint's link preview card and app icons (server/share/share-images.ts; Node). */
  shareImages?: ShareImages
  /** PUBLIC_URL's origin, for absolute URLs in link previews; else the request's origin. */
  publicUrl?: string
}

export const DEFAULT_LIMITS: TalkOptions & DifyApiRouteOptions = {
  maxBodyBytes: 64 * 1024,
  maxQueryChars: 8000,
  maxFiles: 10,
  maxUploadBytes: SERVER_UPLOAD_MAX_BYTES,
  maxAudioBytes: SERVER_AUDIO_MAX_BYTES,
  relay: {
    idleTimeoutMs: 60_000,
    keepAliveMs: 15_000,
    maxRecordBytes: 1_000_000,
    drainTimeoutMs: 30_000,
    maxDurationMs: 10 * 60_000,
  },
}

/**
 * The chatskins server as a web-standard app (`fetch(Request) → Response`): pages, the talk relay
 * and the Dify proxy routes for every configured endpoint. Node-only work (files, env) happens in
 * the caller, so this runs on any runtime Hono supports.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const difyClientFor = createDifyClientFactory()
  const endpoints = new Map(
    options.config.endpoints.map((config) => {
      const pack = options.themes.get(config.theme)
      if (!pack) throw new Error(`endpoint ${config.id}: theme ${config.theme} is not loaded`)
      const brand = options.brands?.get(config.id)
      const share = options.shareImages?.endpoints.get(config.id)
      const runtime: EndpointRuntime = {
        config,
        pack,
        dify: difyClientFor(config),
        ...(brand ? { brand } : {}),
        ...(share ? { share } : {}),
      }
      return [config.id, runtime]
    }),
  )
  const appModes =
    options.appModes ??
    createAppModes({ endpoints: [...endpoints.values()], source: options.config.source })
  const signer = createVisitorSigner(options.sessionSecret)
  const app = new Hono<AppEnv>({ strict: true })
  app.use(
    requestLog({
      write: options.requestLog ?? ((entry) => console.log(JSON.stringify(entry))),
    }),
  )

  app.use(securityHeadersMiddleware(options.dev ?? false))
  const trustedProxies = options.trustedProxies ?? 0
  const { allowedHosts } = options.config
  if (allowedHosts) app.use(allowedHostsOnly(allowedHosts, trustedProxies > 0))
  app.onError((error) => {
    if (!(error instanceof HttpError)) console.error(error)
    return errorResponse(error)
  })
  app.notFound(() => errorResponse(new HttpError(404, 'not_found', 'Nothing here.')))

  app.get('/healthz', (c) => c.json({ ok: true }))
  app.get(
    '/readyz',
    readinessHandler({
      checks: [createDifyReachability(endpoints), ...(options.readiness?.checks ?? [])],
      draining: options.readiness?.draining ?? (() => false),
    }),
  )
  if (options.metrics) app.get('/metrics', metricsHandler(options.metrics))
  registerGalleryRoutes(app, {
    config: options.config,
    endpoints,
    pageTemplate: options.pageTemplate,
    compress: options.compressAnswers ?? true,
  })
  for (const folder of STATIC_FOLDERS) {
    app.get(`/${folder}/*`, staticHandler(options.readStatic))
  }

  app.get('/brand/:id/:file', brandFileHandler(options.brands ?? new Map()))
  app.get('/share/:id/:file', shareFileHandler(options.shareImages))
  registerEmbedScript(app, options.readStatic)
  registerServiceWorkerScript(app, options.readStatic)
  app.use('/:id/*', async (c, next) => {
    const endpoint = endpoints.get(c.req.param('id'))
    if (!endpoint) throw new HttpError(404, 'endpoint_not_found', 'There is no chat here.')
    c.set('endpoint', {
      ...endpoint,
      dify: recordingStatus(endpoint.dify, (status) => c.set('upstreamStatus', status)),
    })
    await next()
  })
  app.get('/:id', (c) => {
    if (!endpoints.has(c.req.param('id'))) {
      throw new HttpError(404, 'endpoint_not_found', 'There is no chat here.')
    }
    return c.redirect(`/${c.req.param('id')}/`, 301)
  })
  const limitsStore = options.limitsStore ?? createMemoryLimitsStore()
  // Before the cookie and same-origin middlewares, which its handlers never pass on to.
  registerOpenAiRoutes(app, {
    limitsStore,
    ...DEFAULT_OPENAI_LIMITS,
    maxImages: limits.maxFiles,
    maxUploadBytes: limits.maxUploadBytes,
    relay: limits.relay,
    modes: appModes,
    ...options.openai,
  })
  app.use('/:id/*', sameOriginOnly(trustedProxies > 0))
  registerEmbedRoutes(app, options.readStatic)
  app.use('/:id/*', embedAwareVisitor(signer))
  const costly = createCostlyRouteLimits({
    remoteAddress: options.remoteAddress ?? (() => undefined),
    trustedProxies,
    store: limitsStore,
  })
  app.use('/:id/api/files/upload', costly.rateLimit('upload'))
  app.use('/:id/api/audio-to-text', costly.rateLimit('audio'))
  const uploadGate = createUploadGate(
    {
      ...DEFAULT_UPLOAD_GATE,
      ...(options.config.limits ? { maxConcurrent: options.config.limits.uploadsAtOnce } : {}),
      ...options.uploadGate,
    },
    limitsStore,
  )
  for (const route of ['/:id/api/files/upload', '/:id/api/audio-to-text']) {
    app.use(route, uploadTurns(uploadGate, costly.addressOf))
  }
  app.use('/:id/api/text-to-audio', costly.rateLimit('audio'))
  app.use('/:id/api/messages/:mid/suggested', costly.rateLimit('suggested'))
  app.use(
    '/:id/',
    answerDelivery({ cacheControl: 'no-cache', compress: options.compressAnswers ?? true }),
  )
  app.use(
    '/:id/api/*',
    answerDelivery({
      cacheControl: 'private, no-cache',
      compress: options.compressAnswers ?? true,
    }),
  )
  app.get(
    '/:id/',
    pageHandler(options.pageTemplate, appModes, (c) =>
      publicOriginOf(c, options.publicUrl, trustedProxies > 0),
    ),
  )
  app.get('/:id/manifest.webmanifest', webManifestHandler)
  app.post(
    '/:id/talk',
    costly.rateLimit('talk'),
    costly.streamSlot(),
    talkHandler({ ...limits, direct: options.directTalk, observer: options.turnObserver }),
  )
  registerRunRoutes(
    app,
    { ...limits, modes: appModes, owners: options.taskOwners ?? createMemoryTaskOwners() },
    [costly.rateLimit('run'), costly.streamSlot()],
  )
  registerDifyApiRoutes(app, { ...limits, autoNameLimit: (c) => costly.refusal(c, 'autoname') })
  return app
}

/**
 * Real Dify endpoints get their own client; demo endpoints share one in-process demo bot, whose
 * app (chat, completion or workflow) follows the endpoint's `app`.
 */
export function createDifyClientFactory(): (config: EndpointConfig) => DifyClient {
  let demoBot: ((request: Request) => Promise<Response>) | undefined
  return (config) => {
    if (config.dify.kind === 'remote') return createDifyClient(config.dify)
    if (!demoBot) {
      const fake = createFakeDify({ tokenDelayMs: 18 })
      demoBot = async (request) => fake.fetch(request)
    }
    const apiKey = DEMO_API_KEYS[config.app ?? 'chat']
    return createDifyClient({ apiBase: DEMO_API_BASE, apiKey, fetch: demoBot })
  }
}

/** The same client, telling `onStatus` the HTTP status of each Dify answer (for the request log). */
function recordingStatus(dify: DifyClient, onStatus: (status: number) => void): DifyClient {
  return {
    async request(method, path, request) {
      const response = await dify.request(method, path, request)
      onStatus(response.status)
      return response
    },
  }
}
