import { Hono } from 'hono'
import type { AppEnv, EndpointRuntime } from './app-env.ts'
import type { ChatskinsConfig, EndpointConfig } from './config/types.ts'
import { STATIC_FOLDERS } from './config/validate.ts'
import { createFakeDify, DEMO_API_BASE, DEMO_API_KEY } from './demo/fake-dify.ts'
import { brandFileHandler } from './brand/brand-route.ts'
import type { EndpointBrand } from './brand/load-brands.ts'
import { createDifyClient, type DifyClient } from './dify/dify-client.ts'
import { answerDelivery } from './delivery/answer-delivery.ts'
import type { ContentCoding } from './delivery/encodings.ts'
import { staticHandler, type ReadStatic } from './delivery/static-handler.ts'
import { errorResponse, HttpError } from './errors.ts'
import { requestLog, type RequestLogEntry } from './http/request-log.ts'
import { securityHeadersMiddleware } from './http/security-headers.ts'
import { registerDifyApiRoutes, type DifyApiRouteOptions } from './routes/dify-api-routes.ts'
import { galleryHandler } from './routes/gallery.ts'
import { pageHandler } from './routes/page.ts'
import { webManifestHandler } from './routes/web-manifest.ts'
import type { DirectTalk } from './routes/direct-talk.ts'
import { talkHandler, type TalkOptions } from './routes/talk.ts'
import type { ThemePack } from './themes/manifest.ts'
import {
  createCostlyRouteLimits,
  type CostlyRouteLimitOptions,
} from './security/costly-route-limits.ts'
import { sameOriginOnly } from './security/same-origin.ts'
import { visitorMiddleware } from './visitor/visitor-middleware.ts'
import { createVisitorSigner } from './visitor/visitor-signer.ts'

export interface StaticFile {
  body: Uint8Array
  contentType: string
  /** A text format whose coding depends on `Accept-Encoding` (so: `Vary`). */
  negotiated?: boolean
  /** Set when `body` is compressed in this coding. */
  encoding?: ContentCoding
}

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
  /** `npm run dev`: relaxes the CSP just enough for Vite's hot reload. */
  dev?: boolean
  /** The runtime's socket-to-socket road for `/talk` (Node: server/node/node-direct-talk.ts). */
  directTalk?: DirectTalk
  /** Receives one entry per request; default: a JSON line on stdout. */
  requestLog?: (entry: RequestLogEntry) => void
  /** The socket's peer address (runtime-specific); without it every client counts as one. */
  remoteAddress?: CostlyRouteLimitOptions['remoteAddress']
  /** TRUST_PROXY: how many proxies in front to believe about the client (`X-Forwarded-*`). */
  trustedProxies?: number
  /** Each branded endpoint's brand, read and checked at start (server/brand/load-brands.ts). */
  brands?: ReadonlyMap<string, EndpointBrand>
}

export const DEFAULT_LIMITS: TalkOptions & DifyApiRouteOptions = {
  maxBodyBytes: 64 * 1024,
  maxQueryChars: 8000,
  maxFiles: 10,
  maxUploadBytes: 15 * 1024 * 1024,
  maxAudioBytes: 30 * 1024 * 1024,
  relay: { idleTimeoutMs: 60_000, keepAliveMs: 15_000, maxRecordBytes: 1_000_000 },
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
      const runtime: EndpointRuntime = { config, pack, dify: difyClientFor(config) }
      return [config.id, brand ? { ...runtime, brand } : runtime]
    }),
  )
  const signer = createVisitorSigner(options.sessionSecret)
  const app = new Hono<AppEnv>({ strict: true })
  app.use(
    requestLog({
      write: options.requestLog ?? ((entry) => console.log(JSON.stringify(entry))),
    }),
  )

  app.use(securityHeadersMiddleware(options.dev ?? false))
  app.onError((error) => {
    if (!(error instanceof HttpError)) console.error(error)
    return errorResponse(error)
  })
  app.notFound(() => errorResponse(new HttpError(404, 'not_found', 'Nothing here.')))

  app.get('/healthz', (c) => c.json({ ok: true }))
  app.use('/', answerDelivery({ cacheControl: 'no-cache' }))
  app.get('/', galleryHandler(options.config, [...endpoints.values()]))
  for (const folder of STATIC_FOLDERS) {
    app.get(`/${folder}/*`, staticHandler(options.readStatic))
  }

  app.get('/brand/:id/:file', brandFileHandler(options.brands ?? new Map()))

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
  const trustedProxies = options.trustedProxies ?? 0
  app.use('/:id/*', sameOriginOnly(trustedProxies > 0))
  app.use('/:id/*', visitorMiddleware(signer))
  const costly = createCostlyRouteLimits({
    remoteAddress: options.remoteAddress ?? (() => undefined),
    trustedProxies,
  })
  app.use('/:id/api/files/upload', costly.rateLimit('upload'))
  app.use('/:id/api/audio-to-text', costly.rateLimit('audio'))
  app.use('/:id/api/text-to-audio', costly.rateLimit('audio'))
  app.use('/:id/api/messages/:mid/suggested', costly.rateLimit('suggested'))
  app.use('/:id/', answerDelivery({ cacheControl: 'no-cache' }))
  app.use('/:id/api/*', answerDelivery({ cacheControl: 'private, no-cache' }))
  app.get('/:id/', pageHandler(options.pageTemplate))
  app.get('/:id/manifest.webmanifest', webManifestHandler)
  app.post(
    '/:id/talk',
    costly.rateLimit('talk'),
    costly.streamSlot(),
    talkHandler({ ...limits, direct: options.directTalk }),
  )
  registerDifyApiRoutes(app, limits)
  return app
}

/** Real Dify endpoints get their own client; demo endpoints share one in-process demo bot. */
function createDifyClientFactory(): (config: EndpointConfig) => DifyClient {
  let demoBot: ((request: Request) => Promise<Response>) | undefined
  return (config) => {
    if (config.dify.kind === 'remote') return createDifyClient(config.dify)
    if (!demoBot) {
      const fake = createFakeDify({ tokenDelayMs: 18 })
      demoBot = async (request) => fake.fetch(request)
    }
    return createDifyClient({ apiBase: DEMO_API_BASE, apiKey: DEMO_API_KEY, fetch: demoBot })
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
