import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpError } from '../errors.ts'

export interface UploadGateOptions {
  /** Uploads read and forwarded at once by this process; each holds its body in memory. */
  maxConcurrent: number
  /** Of those, from one client address. */
  maxPerAddress: number
  /** Uploads one address may have waiting for a turn; past it, 429 `too_many_uploads`. */
  maxWaitingPerAddress: number
  /** How long an upload waits for its turn before 503 `server_busy`. */
  maxWaitMs: number
}

export type ReleaseUpload = () => void

interface Waiter {
  address: string
  admit: () => void
}

/**
 * Takes turns for upload bodies so their memory stays bounded: an upload waits, its body unread
 * (TCP holds it back), until fewer than `maxConcurrent` are in flight in the process and fewer
 * than `maxPerAddress` from its address; the browser sends several files of one message at once,
 * so a queue rather than a refusal. Kept in the process, not a shared store: the memory it guards
 * is this process's.
 */
export function createUploadGate(options: UploadGateOptions) {
  const active = new Map<string, number>()
  const waitingPerAddress = new Map<string, number>()
  const queue: Waiter[] = []
  let total = 0

  const add = (counts: Map<string, number>, address: string, delta: number) => {
    const count = (counts.get(address) ?? 0) + delta
    if (count > 0) counts.set(address, count)
    else counts.delete(address)
  }
  const fits = (address: string) =>
    total < options.maxConcurrent && (active.get(address) ?? 0) < options.maxPerAddress
  const admit = (address: string): ReleaseUpload => {
    total++
    add(active, address, 1)
    let released = false
    return () => {
      if (released) return
      released = true
      total--
      add(active, address, -1)
      admitWaiting()
    }
  }
  const admitWaiting = () => {
    for (let i = 0; i < queue.length && total < options.maxConcurrent;) {
      const waiter = queue[i]!
      if (fits(waiter.address)) {
        queue.splice(i, 1)
        waiter.admit()
      } else i++
    }
  }

  return {
    /** Resolves with the release once it is this upload's turn; rejects with 429 or 503. */
    async enter(address: string, signal?: AbortSignal): Promise<ReleaseUpload> {
      if (fits(address) && !queue.some((waiter) => waiter.address === address)) {
        return admit(address)
      }
      if ((waitingPerAddress.get(address) ?? 0) >= options.maxWaitingPerAddress) {
        throw new HttpError(429, 'too_many_uploads', 'Too many uploads at once; try again soon.')
      }
      add(waitingPerAddress, address, 1)
      try {
        return await new Promise<ReleaseUpload>((resolve, reject) => {
          const waiter: Waiter = {
            address,
            admit: () => {
              clearTimeout(timer)
              signal?.removeEventListener('abort', leave)
              resolve(admit(address))
            },
          }
          const leave = () => {
            clearTimeout(timer)
            const index = queue.indexOf(waiter)
            if (index >= 0) queue.splice(index, 1)
            reject(new HttpError(503, 'server_busy', 'The server is busy; try the upload again.'))
          }
          const timer = setTimeout(leave, options.maxWaitMs)
          signal?.addEventListener('abort', leave, { once: true })
          queue.push(waiter)
        })
      } finally {
        add(waitingPerAddress, address, -1)
      }
    },
    /** Uploads in flight now, for tests. */
    inFlight: () => total,
  }
}

export const DEFAULT_UPLOAD_GATE: UploadGateOptions = {
  maxConcurrent: 4,
  maxPerAddress: 2,
  maxWaitingPerAddress: 10,
  maxWaitMs: 30_000,
}

/** The gate as middleware: the upload's turn is held until its response is built. */
export function uploadTurns(
  gate: ReturnType<typeof createUploadGate>,
  addressOf: (c: Context<AppEnv>) => string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Not the request's signal: on Node, touching it builds the web Request, whose body stream
    // (Readable.toWeb) reads the whole upload into memory at once, turn or no turn.
    const release = await gate.enter(addressOf(c))
    try {
      await next()
    } finally {
      release()
    }
  }
}
