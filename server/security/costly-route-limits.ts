import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { errorResponse, HttpError } from '../errors.ts'
import { addressBucket, clientAddress } from './client-address.ts'
import { createMemoryLimitsStore, type LimitsStore } from './limits-store.ts'

export interface CostlyRouteLimitOptions {
  /** The socket's peer address; runtime-specific, so the entry file provides it. */
  remoteAddress: (c: Context<AppEnv>) => string | undefined
  /** Proxies in front whose `X-Forwarded-For` entry to believe (TRUST_PROXY); 0 believes none. */
  trustedProxies: number
  /** Where the counts live; one process's memory unless a shared store is given. */
  store?: LimitsStore
}

/**
 * The limits of the routes that cost the operator money (every call reaches the LLM or a
 * speech model): a request budget per visitor and per client IP for each route of each
 * endpoint (`rateLimit` in the config), and caps on the answers streaming at once, per visitor
 * and per client IP.
 * Both answer 429 with a code the client shows as its own message.
 */
export function createCostlyRouteLimits(options: CostlyRouteLimitOptions) {
  const store = options.store ?? createMemoryLimitsStore()
  const addressOf = (c: Context<AppEnv>) =>
    clientAddress(options.remoteAddress(c), c.req.header('x-forwarded-for'), options.trustedProxies)

  async function refusal(c: Context<AppEnv>, route: string): Promise<Response | null> {
    const { id, rateLimit } = c.get('endpoint').config
    const wait =
      (await store.take(
        'address',
        `${id} ${route} ${addressBucket(addressOf(c))}`,
        rateLimit.perIpPerMinute,
      )) ||
      (await store.take(
        'visitor',
        `${route} ${c.get('visitor').user}`,
        rateLimit.perVisitorPerMinute,
      ))
    if (wait === 0) return null
    return errorResponse(
      new HttpError(429, 'rate_limited', `Too many requests; try again in ${wait} s.`),
      { 'Retry-After': String(wait) },
    )
  }

  return {
    /** The client's address as the limits count it (an IPv6 client by its /64). */
    addressOf: (c: Context<AppEnv>) => addressBucket(addressOf(c)),

    /** Counts the request against the visitor's and the IP's budgets for `route`. */
    rateLimit(route: string): MiddlewareHandler<AppEnv> {
      return async (c, next) => (await refusal(c, route)) ?? (await next())
    },

    /**
     * The same count from inside a handler, for a route where only some requests reach the LLM
     * (a rename asking Dify to generate the name): the 429 to answer, or null to go ahead.
     */
    refusal,

    /**
     * Holds a stream slot of the visitor and one of the client IP for the request. The talk route calls
     * `c.get('streamSlot')?.keepUntilStreamEnds()` when it starts a stream and releases the slot
     * when the relay finishes (complete, broken, or the browser gone); otherwise the slot is
     * freed as soon as the request is answered.
     */
    streamSlot(): MiddlewareHandler<AppEnv> {
      return async (c, next) => {
        const { user } = c.get('visitor')
        const { id, rateLimit } = c.get('endpoint').config
        const refused = (what: string) =>
          errorResponse(
            new HttpError(
              429,
              'too_many_streams',
              `At most ${what} can be written at once; wait for one to finish.`,
            ),
          )
        // Per IP too: a client that drops its cookie is a new visitor on every request.
        const releaseAddress = await store.openSlot(
          'stream-address',
          `${id} ${addressBucket(addressOf(c))}`,
          rateLimit.streamsPerIp,
        )
        if (!releaseAddress) return refused(`${rateLimit.streamsPerIp} answers from one address`)
        const releaseVisitor = await store.openSlot('stream', user, rateLimit.streamsPerVisitor)
        if (!releaseVisitor) {
          releaseAddress()
          return refused(`${rateLimit.streamsPerVisitor} answers`)
        }
        const release = () => {
          releaseVisitor()
          releaseAddress()
        }
        let kept = false
        c.set('streamSlot', {
          keepUntilStreamEnds() {
            kept = true
            return release
          },
        })
        try {
          await next()
        } finally {
          if (!kept) release()
        }
      }
    },

    /** Slots `user` holds now, for tests. */
    openStreams: (user: string) => store.slotCount('stream', user),
  }
}
