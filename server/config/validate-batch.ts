import type { EndpointConfig, RateLimitConfig } from './types.ts'

type Fail = (field: string, problem: string) => never

/** Rows a batch runs at once unless the endpoint says otherwise (Dify's WebApp runs a few). */
export const DEFAULT_BATCH_CONCURRENCY = 3
const MAX_BATCH_CONCURRENCY = 10

/**
 * `batchConcurrency`: rows of a text generator's batch run at once. More than the visitor's
 * stream slots (`rateLimit.streamsPerVisitor`) would only have rows refused with a 429.
 */
export function validateBatchConcurrency(
  raw: unknown,
  rateLimit: RateLimitConfig,
  fail: Fail,
): { batchConcurrency?: number } {
  if (raw === undefined) return {}
  if (!Number.isInteger(raw) || (raw as number) < 1 || (raw as number) > MAX_BATCH_CONCURRENCY) {
    return fail('batchConcurrency', `must be a whole number from 1 to ${MAX_BATCH_CONCURRENCY}`)
  }
  if ((raw as number) > rateLimit.streamsPerVisitor) {
    return fail(
      'batchConcurrency',
      `must not exceed rateLimit.streamsPerVisitor (${rateLimit.streamsPerVisitor}): the server would refuse the extra rows`,
    )
  }
  return { batchConcurrency: raw as number }
}

/** The endpoint's batch concurrency: its own, else the default within its stream slots. */
export function batchConcurrencyOf(
  config: Pick<EndpointConfig, 'batchConcurrency' | 'rateLimit'>,
): number {
  return (
    config.batchConcurrency ??
    Math.min(DEFAULT_BATCH_CONCURRENCY, config.rateLimit.streamsPerVisitor)
  )
}
