import type { EndpointConfig } from '../config/types.ts'

/**
 * The origin an endpoint's Dify serves its files from when it gives relative file URLs (no
 * `FILES_URL`): its apiBase's. Undefined for the in-process demo bot, which inlines its files.
 */
export function difyOriginOf(config: Pick<EndpointConfig, 'dify'>): string | undefined {
  return config.dify.kind === 'remote' ? new URL(config.dify.apiBase).origin : undefined
}
