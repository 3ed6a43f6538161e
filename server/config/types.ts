import type { AppKind } from '../../contract/app-kind.ts'
import type { Locale } from '../../contract/locales.ts'

export type ColorScheme = 'auto' | 'light' | 'dark'

/** Where an endpoint's Dify app lives: a real Dify Service API, or the built-in demo bot. */
export type DifyTarget = { kind: 'remote'; apiBase: string; apiKey: string } | { kind: 'demo' }

export interface EndpointConfig {
  id: string
  theme: string
  botName: string
  /** Undefined means: the theme's default locale. */
  locale: Locale | undefined
  scheme: ColorScheme
  dify: DifyTarget
  /**
   * The app type as the operator states it; undefined: read from Dify's `GET /info` `mode`
   * (server/app-mode/). For a demo endpoint it picks the demo app.
   */
  app?: AppKind
  /** Silence from Dify that ends a turn with `upstream_timeout`; undefined: the server default. */
  upstreamIdleTimeoutMs?: number
  /** A browser that takes no bytes of an answer for this long is cut off; undefined: default. */
  browserDrainTimeoutMs?: number
  /** The longest one answer may stream; undefined: the server default. */
  maxAnswerMs?: number
  /** CSP `frame-ancestors` sources: `'self'` (the default), `'none'` or http(s) origins. */
  frameAncestors: readonly string[]
  /** Host-page origins that may show this endpoint through `/embed.js` (docs/embed.md); empty: none. */
  embedOrigins: readonly string[]
  /** Key for the HMAC of signed site identities (`identify(token)`); undefined: identify is refused. */
  embedSecret?: string
  rateLimit: RateLimitConfig
  /** Rows of a text generator's batch run at once; undefined: batchConcurrencyOf's default. */
  batchConcurrency?: number
  /** The OpenAI-compatible API of this endpoint (server/openai/); undefined: off. */
  openai?: OpenAiConfig
  /** The operator's colour and images over the pack (docs/branding.md). */
  brand?: BrandConfig
  /** false: the gallery at `/` leaves this endpoint out (its page works either way). */
  listed?: false
}

/** `openai` of an endpoint: who may call `/:id/v1/…` and how the app is presented there. */
export interface OpenAiConfig {
  /** The operator's keys for API clients (never the Dify key); at least one. */
  keys: readonly string[]
  /** The one model name served; defaults to the endpoint id. */
  model: string
  /** The Dify input that receives the `system` message; undefined: it joins the context. */
  systemInput?: string
  /** Completion and Workflow apps: the input that receives the message; default: the form's first text field. */
  queryInput?: string
  /** Requests one key may make per minute. */
  perKeyPerMinute: number
  /** Answers one key may have streaming at once. */
  streamsPerKey: number
}

/** `brand` as written in the config; image paths are relative to the config file's folder. */
export interface BrandConfig {
  /** `#rgb` or `#rrggbb`, lower-cased. */
  accent?: string
  avatar?: string
  logo?: string
  favicon?: string
}

/** Limits of the costly routes (talk, upload, audio), counted per route and per endpoint. */
export interface RateLimitConfig {
  perVisitorPerMinute: number
  /** Per client IP (an IPv6 client by its /64); see TRUST_PROXY for what the IP is. */
  perIpPerMinute: number
  /** Answers one visitor may have streaming at once. */
  streamsPerVisitor: number
  /** Answers one client IP may have streaming at once, whatever its cookies. */
  streamsPerIp: number
  /** Uploads and recordings one client IP may be sending at once; more wait their turn. */
  uploadsPerIp: number
}

/** `limits`: what one process takes on at once, whatever the endpoint. */
export interface ServerLimitsConfig {
  /** Uploads and recordings passing through the process at once; more wait their turn. */
  uploadsAtOnce: number
}

export interface ChatskinsConfig {
  /** Where the config came from, for messages: a file path or "environment". */
  source: string
  endpoints: EndpointConfig[]
  demo: boolean
  /** `GET /` lists the endpoints; false (or GALLERY=off) makes it a 404. */
  gallery: boolean
  /** `allowedHosts` / ALLOWED_HOSTS: the only Host names served; undefined serves any. */
  allowedHosts?: readonly string[]
  /** Shared state for a fleet (limits, stream slots); absent: one process's memory. */
  redis?: RedisConfig
  /** Caps of the whole process; absent: the defaults. */
  limits?: ServerLimitsConfig
}

export interface RedisConfig {
  /** `redis://[user:password@]host:port[/db]`; may hold a password, so never logged. */
  url: string
}
