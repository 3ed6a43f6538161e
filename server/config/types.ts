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
}

export interface ChatskinsConfig {
  /** Where the config came from, for messages: a file path or "environment". */
  source: string
  endpoints: EndpointConfig[]
  demo: boolean
}
