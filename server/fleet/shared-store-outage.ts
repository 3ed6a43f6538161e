export interface SharedStoreOutageOptions {
  /** One line when an outage starts and one when it ends. */
  warn: (line: string) => void
  /** Called once per outage (a metric). */
  onOutage?: () => void
  /** During an outage, how often one call probes the shared store again (default 1 s). */
  retryEveryMs?: number
  now?: () => number
}

export interface SharedStoreOutage {
  /**
   * `shared()`, or `local()` when it fails or while an outage lasts. During an outage one call a
   * second probes `shared` again (a Redis that hangs costs one command timeout a second, not one
   * per request), and the first that succeeds ends the outage.
   */
  run<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T>
}

/**
 * Whether this instance is on the fleet's Redis or on its own memory, for every store that lives
 * in Redis (limits, task owners, the OpenAI conversation map): one outage is one warning line and
 * one `onOutage`, however many stores notice it.
 */
export function createSharedStoreOutage(options: SharedStoreOutageOptions): SharedStoreOutage {
  const retryEveryMs = options.retryEveryMs ?? 1000
  const now = options.now ?? (() => Date.now())
  let down = false
  let probedAt = 0
  return {
    async run(shared, local) {
      if (down && now() - probedAt < retryEveryMs) return local()
      probedAt = now()
      try {
        const result = await shared()
        if (down) {
          down = false
          options.warn('Redis is back: limits and task owners are shared across the fleet again')
        }
        return result
      } catch (error) {
        if (!down) {
          down = true
          options.onOutage?.()
          options.warn(
            `Redis failed (${(error as Error).message}): limits and task owners are per process until it is back`,
          )
        }
        return local()
      }
    },
  }
}
