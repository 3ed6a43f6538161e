import type { RateLimitConfig } from './types.ts'

type Fail = (field: string, problem: string) => never

export const DEFAULT_FRAME_ANCESTORS: readonly string[] = ["'self'"]

/**
 * Generous enough for a person (a message every few seconds, a burst of uploads), tight enough
 * that a script can't run up the LLM bill; per route (talk, upload, audio) and per endpoint.
 */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  perVisitorPerMinute: 20,
  perIpPerMinute: 300,
  streamsPerVisitor: 3,
  streamsPerIp: 20,
  uploadsPerIp: 4,
}

/**
 * An http(s) origin, or one with a leading `*.` subdomain wildcard under a name of at least two
 * labels. Nothing else may reach the CSP: no bare `*`, no scheme-only source, no `;` or space
 * that would start another directive.
 */
const ORIGIN =
  /^https?:\/\/(?:\*\.(?=[a-z0-9-]+\.[a-z0-9-]))?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/

/** `frameAncestors`: who may show this endpoint in a frame (CSP `frame-ancestors`). */
export function validateFrameAncestors(raw: unknown, fail: Fail): readonly string[] {
  if (raw === undefined) return DEFAULT_FRAME_ANCESTORS
  if (!Array.isArray(raw) || raw.length === 0) {
    return fail('frameAncestors', `must be a non-empty array such as ["'self'"]`)
  }
  const sources = raw.map((item, index) => {
    if (typeof item !== 'string') return fail(`frameAncestors[${index}]`, 'must be a string')
    const source = item.toLowerCase().replace(/\/$/, '')
    if (source === "'self'" || source === "'none'" || ORIGIN.test(source)) return source
    return fail(
      `frameAncestors[${index}]`,
      `${JSON.stringify(item)} is not "'self'", "'none'" or an http(s) origin such as "https://example.com" or "https://*.example.com"`,
    )
  })
  if (sources.includes("'none'") && sources.length > 1) {
    fail('frameAncestors', `"'none'" can't be combined with other sources`)
  }
  return [...new Set(sources)]
}

/**
 * `embedOrigins`: host pages that may carry this endpoint's launcher. Only origins (the same
 * pattern as `frameAncestors`, wildcards included): they also become `frame-ancestors` sources.
 */
export function validateEmbedOrigins(raw: unknown, fail: Fail): readonly string[] {
  if (raw === undefined) return []
  if (!Array.isArray(raw)) {
    return fail('embedOrigins', 'must be an array of origins such as ["https://shop.example"]')
  }
  const origins = raw.map((item, index) => {
    const origin = typeof item === 'string' ? item.toLowerCase().replace(/\/$/, '') : ''
    if (ORIGIN.test(origin)) return origin
    return fail(
      `embedOrigins[${index}]`,
      `${JSON.stringify(item)} is not an http(s) origin such as "https://shop.example" or "https://*.shop.example"`,
    )
  })
  return [...new Set(origins)]
}

/** Below this, a secret could be guessed from tokens; HMAC-SHA256 keys of 32+ characters. */
const MIN_EMBED_SECRET = 32

/** `embedSecret`: the key operators sign site identities with (usually `${VAR}`). */
export function validateEmbedSecret(raw: unknown, fail: Fail): { embedSecret?: string } {
  if (raw === undefined) return {}
  if (typeof raw !== 'string' || raw.length < MIN_EMBED_SECRET) {
    return fail('embedSecret', `must be a string of at least ${MIN_EMBED_SECRET} characters`)
  }
  return { embedSecret: raw }
}

const RATE_LIMIT_FIELDS: Record<keyof RateLimitConfig, number> = {
  perVisitorPerMinute: 10_000,
  perIpPerMinute: 100_000,
  streamsPerVisitor: 100,
  streamsPerIp: 10_000,
  uploadsPerIp: 1000,
}

/** `rateLimit`: any subset of the fields; the rest keep their defaults. */
export function validateRateLimit(raw: unknown, fail: Fail): RateLimitConfig {
  if (raw === undefined) return DEFAULT_RATE_LIMIT
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail('rateLimit', 'must be an object such as {"perVisitorPerMinute": 20}')
  }
  const limits = { ...DEFAULT_RATE_LIMIT }
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in RATE_LIMIT_FIELDS)) fail(`rateLimit.${key}`, 'unknown field')
    const max = RATE_LIMIT_FIELDS[key as keyof RateLimitConfig]
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
      fail(`rateLimit.${key}`, `must be a whole number from 1 to ${max}`)
    }
    limits[key as keyof RateLimitConfig] = value as number
  }
  return limits
}
