import { appKindOfMode, type AppKind } from '../../contract/app-kind.ts'
import { ConfigError } from '../config/config-error.ts'
import type { EndpointConfig } from '../config/types.ts'
import type { DifyClient } from '../dify/dify-client.ts'

/** An endpoint's app type, or why it isn't known yet. */
export type AppModeResult =
  | { kind: AppKind }
  /** Dify could not be asked; asked again on a later request. */
  | { problem: 'unreachable' }
  /** Dify's `mode` contradicts the config's `app`, or is one chatskins can't serve. */
  | { problem: 'mismatch'; detail: string }

export interface AppModes {
  /** The endpoint's app type: the config's `app`, checked once against Dify, else Dify's `mode`. */
  kindOf(endpointId: string): Promise<AppModeResult>
  /**
   * Asks every endpoint's Dify once. Throws a ConfigError naming the endpoint when Dify's mode
   * contradicts the config; an unreachable Dify is left for the page to report.
   */
  checkAtStart(): Promise<void>
}

export interface AppModeOptions {
  endpoints: ReadonlyArray<{ config: EndpointConfig; dify: DifyClient }>
  /** Where the config came from, for the start-up error. */
  source: string
  /** After an unreachable Dify, requests within this time don't ask again. */
  retryAfterMs?: number
  now?: () => number
}

const INFO_TIMEOUT_MS = 5000

/**
 * The app type of each endpoint from Dify's `GET /info` `mode` (docs/dify-wire.md#info), cached
 * per endpoint once known. A Dify whose `/info` has no `mode` (older builds) is taken at the
 * config's word, or as a chat app when the config says nothing.
 */
export function createAppModes(options: AppModeOptions): AppModes {
  const retryAfterMs = options.retryAfterMs ?? 10_000
  const now = options.now ?? Date.now
  const known = new Map<string, AppModeResult>()
  const failedAt = new Map<string, number>()
  const pending = new Map<string, Promise<AppModeResult>>()
  const byId = new Map(options.endpoints.map((endpoint) => [endpoint.config.id, endpoint]))

  async function ask(endpointId: string): Promise<AppModeResult> {
    const endpoint = byId.get(endpointId)
    if (!endpoint) throw new Error(`no endpoint ${endpointId}`)
    const mode = await readMode(endpoint.dify)
    if (mode === null) return { problem: 'unreachable' }
    const configured = endpoint.config.app
    if (mode === undefined) return { kind: configured ?? 'chat' }
    const kind = appKindOfMode(mode)
    if (!kind) return { problem: 'mismatch', detail: `Dify reports the unknown app mode "${mode}"` }
    if (configured && configured !== kind) {
      return {
        problem: 'mismatch',
        detail: `the config says "app": "${configured}" but Dify reports a ${mode} app`,
      }
    }
    return { kind }
  }

  async function kindOf(endpointId: string): Promise<AppModeResult> {
    const cached = known.get(endpointId)
    if (cached) return cached
    const lastFailure = failedAt.get(endpointId)
    if (lastFailure !== undefined && now() - lastFailure < retryAfterMs) {
      return { problem: 'unreachable' }
    }
    let asking = pending.get(endpointId)
    if (!asking) {
      asking = ask(endpointId).finally(() => pending.delete(endpointId))
      pending.set(endpointId, asking)
    }
    const result = await asking
    if ('kind' in result || result.problem === 'mismatch') known.set(endpointId, result)
    else failedAt.set(endpointId, now())
    return result
  }

  return {
    kindOf,
    async checkAtStart() {
      // All at once: a start waits for the slowest Dify, not for the sum of them.
      const results = await Promise.all(
        options.endpoints.map(async ({ config }) => ({ config, result: await kindOf(config.id) })),
      )
      for (const { config, result } of results) {
        if ('problem' in result && result.problem === 'mismatch') {
          throw new ConfigError(options.source, `endpoint ${config.id}`, result.detail)
        }
      }
    },
  }
}

/** Dify's `mode`: a string, undefined when `/info` has none, null when Dify can't be asked. */
async function readMode(dify: DifyClient): Promise<unknown> {
  try {
    const response = await dify.request('GET', '/info', {
      signal: AbortSignal.timeout(INFO_TIMEOUT_MS),
    })
    if (!response.ok) {
      await response.body?.cancel()
      return null
    }
    const info: unknown = await response.json()
    if (typeof info !== 'object' || info === null) return null
    return (info as { mode?: unknown }).mode
  } catch {
    return null
  }
}
