import { parseAllowedHosts } from './allowed-hosts.ts'
import { ConfigError } from './config-error.ts'
import { validateOpenAi } from './validate-openai.ts'
import { validateServerLimits } from './validate-limits.ts'
import { validateRedis } from './validate-redis.ts'
import {
  validateEmbedOrigins,
  validateEmbedSecret,
  validateFrameAncestors,
  validateRateLimit,
} from './validate-security.ts'
import { APP_KINDS, type AppKind } from '../../contract/app-kind.ts'
import { isRecord } from '../../contract/guards.ts'
import { SUPPORTED_LOCALES, type Locale } from '../../contract/locales.ts'
import { validateBatchConcurrency } from './validate-batch.ts'
import { validateBrand } from './validate-brand.ts'
import {
  type ChatskinsConfig,
  type ColorScheme,
  type DifyTarget,
  type EndpointConfig,
} from './types.ts'

const ENDPOINT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/
/** Folders of static files the server serves at its root (`/assets/…`, `/themes/…`). */
export const STATIC_FOLDERS = ['assets', 'static', 'fonts', 'themes'] as const
/** First path segments the server itself serves; an endpoint may not shadow them. */
export const RESERVED_IDS = new Set<string>([
  ...STATIC_FOLDERS,
  'healthz',
  'readyz',
  'metrics',
  'api',
  'favicon.ico',
  'brand',
  'share',
  'sw.js',
])
const SCHEMES: readonly ColorScheme[] = ['auto', 'light', 'dark']
const ENDPOINT_FIELDS = new Set([
  'id',
  'theme',
  'botName',
  'locale',
  'scheme',
  'dify',
  'app',
  'upstreamIdleTimeoutMs',
  'browserDrainTimeoutMs',
  'maxAnswerMs',
  'frameAncestors',
  'embedOrigins',
  'embedSecret',
  'rateLimit',
  'batchConcurrency',
  'openai',
  'brand',
  'listed',
])
/**
 * Bounds of the per-endpoint durations, in ms. Idle and drain: under a second cuts healthy
 * answers, over 10 min hides a hang. A whole answer: up to an hour.
 */
const DURATION_RANGES = {
  upstreamIdleTimeoutMs: { min: 1000, max: 600_000 },
  browserDrainTimeoutMs: { min: 1000, max: 600_000 },
  maxAnswerMs: { min: 1000, max: 3_600_000 },
} as const
const MAX_BOT_NAME = 100
const TOP_LEVEL_FIELDS = new Set(['endpoints', 'redis', 'allowedHosts', 'gallery', 'limits'])

export interface ValidateOptions {
  source: string
  themeIds: readonly string[]
  defaultTheme?: string
  /** Renames a field path in messages, e.g. to the environment variable that set it. */
  describeField?: (path: string) => string
}

/** Validates a parsed config file (after `${VAR}` expansion); every error names file and field. */
export function validateConfig(raw: unknown, options: ValidateOptions): ChatskinsConfig {
  const { source } = options
  if (!isRecord(raw)) throw new ConfigError(source, '', 'the config must be a JSON object')
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL_FIELDS.has(key)) {
      throw new ConfigError(source, key, 'unknown field')
    }
  }
  if (raw.gallery !== undefined && typeof raw.gallery !== 'boolean') {
    throw new ConfigError(source, 'gallery', 'must be true or false')
  }
  if (!Array.isArray(raw.endpoints) || raw.endpoints.length === 0) {
    throw new ConfigError(source, 'endpoints', 'must be a non-empty array of endpoints')
  }
  const seen = new Set<string>()
  const endpoints = raw.endpoints.map((item, index) => {
    const endpoint = validateEndpoint(item, `endpoints[${index}]`, options)
    if (seen.has(endpoint.id)) {
      throw new ConfigError(source, `endpoints[${index}].id`, `duplicate id "${endpoint.id}"`)
    }
    seen.add(endpoint.id)
    return endpoint
  })
  const allowedHosts = parseAllowedHosts(raw.allowedHosts, source, 'allowedHosts')
  return {
    source,
    endpoints,
    demo: endpoints.every((endpoint) => endpoint.dify.kind === 'demo'),
    ...(raw.redis !== undefined
      ? { redis: validateRedis(raw.redis, source, options.describeField) }
      : {}),
    ...(allowedHosts ? { allowedHosts } : {}),
    ...(raw.limits !== undefined ? { limits: validateServerLimits(raw.limits, source) } : {}),
    gallery: raw.gallery !== false,
  }
}

function validateEndpoint(raw: unknown, path: string, options: ValidateOptions): EndpointConfig {
  const { source, themeIds } = options
  const fail = (field: string, problem: string): never => {
    const fieldPath = `${path}${field ? `.${field}` : ''}`
    throw new ConfigError(source, options.describeField?.(fieldPath) ?? fieldPath, problem)
  }
  if (!isRecord(raw)) return fail('', 'must be an object')
  for (const key of Object.keys(raw)) {
    if (!ENDPOINT_FIELDS.has(key)) fail(key, 'unknown field')
  }

  const id = raw.id
  if (typeof id !== 'string' || !ENDPOINT_ID.test(id)) {
    return fail(
      'id',
      'must be 1-64 lowercase letters, digits, "-" or "_", starting with a letter or digit',
    )
  }
  if (RESERVED_IDS.has(id)) fail('id', `"${id}" is reserved by the server`)

  const theme = raw.theme ?? options.defaultTheme ?? 'minimal'
  if (typeof theme !== 'string' || !themeIds.includes(theme)) {
    fail('theme', `unknown theme ${JSON.stringify(theme)} (available: ${themeIds.join(', ')})`)
  }

  const botName = raw.botName ?? 'Assistant'
  if (typeof botName !== 'string' || botName.trim() === '' || botName.length > MAX_BOT_NAME) {
    fail('botName', `must be a non-empty string of at most ${MAX_BOT_NAME} characters`)
  }

  const locale = raw.locale
  if (locale !== undefined && !SUPPORTED_LOCALES.includes(locale as Locale)) {
    fail('locale', `must be one of ${SUPPORTED_LOCALES.join(', ')}`)
  }

  const scheme = raw.scheme ?? 'auto'
  if (!SCHEMES.includes(scheme as ColorScheme))
    fail('scheme', `must be one of ${SCHEMES.join(', ')}`)

  const app = raw.app
  if (app !== undefined && !APP_KINDS.includes(app as AppKind)) {
    fail('app', `must be one of ${APP_KINDS.join(', ')}`)
  }

  const durations: Partial<Record<keyof typeof DURATION_RANGES, number>> = {}
  for (const [field, { min, max }] of Object.entries(DURATION_RANGES)) {
    const value = raw[field]
    if (value === undefined) continue
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      fail(field, `must be a whole number of milliseconds from ${min} to ${max}`)
    }
    durations[field as keyof typeof DURATION_RANGES] = value as number
  }

  const rateLimit = validateRateLimit(raw.rateLimit, fail)
  const listed = raw.listed ?? true
  if (typeof listed !== 'boolean') fail('listed', 'must be true or false')
  const brand = validateBrand(raw.brand, fail)

  return {
    id,
    theme: theme as string,
    botName: botName as string,
    locale: locale as Locale | undefined,
    scheme: scheme as ColorScheme,
    dify: validateDify(raw.dify, (field, problem) =>
      fail(field ? `dify.${field}` : 'dify', problem),
    ),
    ...(app !== undefined ? { app: app as AppKind } : {}),
    frameAncestors: validateFrameAncestors(raw.frameAncestors, fail),
    embedOrigins: validateEmbedOrigins(raw.embedOrigins, fail),
    ...validateEmbedSecret(raw.embedSecret, fail),
    rateLimit,
    ...validateBatchConcurrency(raw.batchConcurrency, rateLimit, fail),
    ...durations,
    ...(raw.openai !== undefined ? { openai: validateOpenAi(raw.openai, id, fail) } : {}),
    ...(brand ? { brand } : {}),
    ...(listed === false ? { listed: false as const } : {}),
  }
}

function validateDify(raw: unknown, fail: (field: string, problem: string) => never): DifyTarget {
  if (!isRecord(raw)) return fail('', 'must be an object: {"apiBase", "apiKey"} or {"demo": true}')
  if (raw.demo === true) {
    if (Object.keys(raw).length > 1) fail('', '{"demo": true} takes no other fields')
    return { kind: 'demo' }
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'apiBase' && key !== 'apiKey') fail(key, 'unknown field')
  }
  const apiKey = raw.apiKey
  if (typeof apiKey !== 'string' || apiKey.trim() === '') fail('apiKey', 'is missing')
  return { kind: 'remote', apiBase: validateApiBase(raw.apiBase, fail), apiKey: apiKey as string }
}

function validateApiBase(raw: unknown, fail: (field: string, problem: string) => never): string {
  const value = raw ?? 'https://api.dify.ai/v1'
  if (typeof value !== 'string') return fail('apiBase', 'must be a URL string')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return fail('apiBase', `is not a valid URL: ${JSON.stringify(value)}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail('apiBase', 'must be an http:// or https:// URL')
  }
  if (url.search || url.hash) fail('apiBase', 'must not carry a query or fragment')
  return url.href.replace(/\/+$/, '')
}
