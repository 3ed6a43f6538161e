export type ColorScheme = 'auto' | 'light' | 'dark'

export const SUPPORTED_LOCALES = ['en', 'ko', 'ja', 'zh-Hans', 'zh-Hant'] as const
export type Locale = (typeof SUPPORTED_LOCALES)[number]

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
  /** Silence from Dify that ends a turn with `upstream_timeout`; undefined: the server default. */
  upstreamIdleTimeoutMs?: number
  /** CSP `frame-ancestors` sources: `'self'` (the default), `'none'` or http(s) origins. */
  frameAncestors: readonly string[]
  rateLimit: RateLimitConfig
  /** The operator's colour and images over the pack (docs/branding.md). */
  brand?: BrandConfig
  /** false: the gallery at `/` leaves this endpoint out (its page works either way). */
  listed?: false
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
}

export interface ChatskinsConfig {
  /** Where the config came from, for messages: a file path or "environment". */
  source: string
  endpoints: EndpointConfig[]
  demo: boolean
  /** `GET /` lists the endpoints; false (or GALLERY=off) makes it a 404. */
  gallery: boolean
}
