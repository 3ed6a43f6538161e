import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { HttpError } from '../errors.ts'
import { createWakeableSleep } from '../wakeable-sleep.ts'
import { createMemoryLimitsStore, type LimitsStore } from '../security/limits-store.ts'

export interface UploadGateOptions {
  /** Uploads passing through this process at once (`limits.uploadsAtOnce`). */
  maxConcurrent: number
  /** Uploads one address may have waiting for a turn here; past it, 429 `too_many_uploads`. */
  maxWaitingPerAddress: number
  /** Uploads waiting here from anyone; past it, 503 `server_busy` at once. */
  maxWaiting: number
  /** How long an upload waits for its turn before 503 `server_busy`. */
  maxWaitMs: number
  /** How often a waiting upload asks again: a slot freed by another instance wakes no one here. */
  retryMs: number
}

export type ReleaseUpload = () => void

/**
 * Turns for upload bodies: an upload waits, its body unread (TCP holds it back), until this
 * process has fewer than `maxConcurrent` passing through and its address fewer than its cap
 * (`rateLimit.uploadsPerIp`). The browser sends the files of one message at once, so a short
 * wait rather than a refusal. The per-address count is in `store`, shared by a fleet like the
 * stream caps; the process count is this process's own, as the sockets it guards are.
 */
export function createUploadGate(options: UploadGateOptions, store: LimitsStore) {
  const processSlots = createMemoryLimitsStore()
  /** Sleeps until a turn is freed here, or for the retry time. */
  const turns = createWakeableSleep()
  const waitingPerAddress = new Map<string, number>()
  let waiting = 0
  let inFlight = 0

  const addWaiting = (key: string, delta: number) => {
    waiting += delta
    const count = (waitingPerAddress.get(key) ?? 0) + delta
    if (count > 0) waitingPerAddress.set(key, count)
    else waitingPerAddress.delete(key)
  }
  const tryOpen = async (key: string, perAddress: number): Promise<ReleaseUpload | null> => {
    const releaseProcess = await processSlots.openSlot('upload', 'process', options.maxConcurrent)
    if (!releaseProcess) return null
    const releaseAddress = await store.openSlot('upload-address', key, perAddress)
    if (!releaseAddress) {
      // No waking here: waiters refused in turn would wake each other for ever. A waiter that
      // needed this process turn finds it on its next try.
      releaseProcess()
      return null
    }
    inFlight++
    let released = false
    return () => {
      if (released) return
      released = true
      inFlight--
      releaseAddress()
      releaseProcess()
      turns.wakeAll()
    }
  }

  return {
    /**
     * Resolves with the release once it is this upload's turn (`key`: the endpoint and the
     * client's address, `perAddress` its cap); rejects with 429 or 503.
     */
    async enter(key: string, perAddress: number): Promise<ReleaseUpload> {
      const admitted = await tryOpen(key, perAddress)
      if (admitted) return admitted
      if ((waitingPerAddress.get(key) ?? 0) >= options.maxWaitingPerAddress) {
        throw new HttpError(429, 'too_many_uploads', 'Too many uploads at once; try again soon.')
      }
      if (waiting >= options.maxWaiting) throw serverBusy()
      addWaiting(key, 1)
      try {
        const deadline = Date.now() + options.maxWaitMs
        for (;;) {
          const left = deadline - Date.now()
          if (left <= 0) throw serverBusy()
          await turns.sleep(Math.min(left, options.retryMs))
          const release = await tryOpen(key, perAddress)
          if (release) return release
        }
      } finally {
        addWaiting(key, -1)
      }
    },
    /** Uploads passing through now, for tests. */
    inFlight: () => inFlight,
  }
}

export const DEFAULT_UPLOAD_GATE: UploadGateOptions = {
  maxConcurrent: 32,
  maxWaitingPerAddress: 10,
  maxWaiting: 256,
  maxWaitMs: 30_000,
  retryMs: 250,
}

function serverBusy(): HttpError {
  return new HttpError(503, 'server_busy', 'The server is busy; try the upload again.')
}

/** The gate as middleware: the upload's turn is held until its response is built. */
export function uploadTurns(
  gate: ReturnType<typeof createUploadGate>,
  addressOf: (c: Context<AppEnv>) => string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { id, rateLimit } = c.get('endpoint').config
    // Not the request's signal: on Node, touching it builds the web Request before its turn.
    const release = await gate.enter(`${id} ${addressOf(c)}`, rateLimit.uploadsPerIp)
    try {
      await next()
    } finally {
      release()
    }
  }
}
