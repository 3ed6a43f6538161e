import type { DifyClient } from '../dify/dify-client.ts'

export interface DifyReachabilityOptions {
  /** An endpoint is ready while Dify answered `/parameters` within this many seconds. */
  maxAgeSeconds?: number
  /** How long one `/parameters` call may take. */
  timeoutMs?: number
  now?: () => number
}

interface Reached {
  /** When Dify last answered 2xx (ms), or never. */
  okAt: number
  checkedAt: number
  /** Why the last check failed, without the URL or the key. */
  failure: string | null
  pending: Promise<void> | null
}

/**
 * Whether each endpoint's Dify is reachable, from a cached `GET /parameters`: checked again when
 * the last check is a third of `maxAgeSeconds` old, so probes every second cost Dify one call per
 * ten seconds. Resolves to the reasons an endpoint is not ready; empty means ready.
 */
export function createDifyReachability(
  endpoints: ReadonlyMap<string, { dify: DifyClient }>,
  options: DifyReachabilityOptions = {},
): () => Promise<string[]> {
  const maxAgeMs = (options.maxAgeSeconds ?? 30) * 1000
  const timeoutMs = options.timeoutMs ?? 3000
  const now = options.now ?? (() => Date.now())
  const state = new Map<string, Reached>()
  for (const id of endpoints.keys()) {
    state.set(id, { okAt: -Infinity, checkedAt: -Infinity, failure: null, pending: null })
  }

  const check = async (id: string, dify: DifyClient, reached: Reached) => {
    try {
      const response = await dify.request('GET', '/parameters', {
        query: { user: 'chatskins-readiness' },
        signal: AbortSignal.timeout(timeoutMs),
      })
      await response.body?.cancel()
      reached.failure = response.ok ? null : `Dify answered HTTP ${response.status}`
      if (response.ok) reached.okAt = now()
    } catch {
      reached.failure = 'Dify could not be reached'
    } finally {
      reached.checkedAt = now()
      reached.pending = null
    }
    return id
  }

  return async () => {
    const reasons: string[] = []
    await Promise.all(
      [...endpoints].map(async ([id, { dify }]) => {
        const reached = state.get(id)!
        if (now() - reached.checkedAt >= maxAgeMs / 3) {
          reached.pending ??= check(id, dify, reached).then(() => {})
          await reached.pending
        }
        if (now() - reached.okAt > maxAgeMs) {
          reasons.push(
            `endpoint ${id}: ${reached.failure ?? 'Dify not reached'} (none in the last ${maxAgeMs / 1000} s)`,
          )
        }
      }),
    )
    return reasons.sort()
  }
}
