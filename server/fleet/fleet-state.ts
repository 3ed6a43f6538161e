import type { RedisConfig } from '../config/types.ts'
import type { ReadinessCheck } from '../health/readiness-route.ts'
import { createMemoryLimitsStore, type LimitsStore } from '../security/limits-store.ts'
import { createMemoryConversationMap, type ConversationMap } from '../openai/conversation-map.ts'
import { createFallbackLimitsStore } from './fallback-limits-store.ts'
import { createRedisClient, whenReady } from './redis-client.ts'
import { createRedisConversationMap } from './redis-conversation-map.ts'
import { createRedisLimitsStore } from './redis-limits-store.ts'

export interface FleetStateOptions {
  warn: (line: string) => void
  onOutage: () => void
}

export interface FleetState {
  /** Redis limits, falling back to this process's memory while Redis is away. */
  limits: LimitsStore
  /** The OpenAI API's conversation map in Redis; this process's memory while Redis is away. */
  conversations: ConversationMap
  /** `/readyz`: Redis answers a PING. */
  ready: ReadinessCheck
  close(): void
}

/**
 * Connects to the fleet's Redis. Never fails the start: an instance that comes up while Redis is
 * away counts per process and switches to Redis once it answers.
 */
export async function connectFleetState(
  config: RedisConfig,
  options: FleetStateOptions,
): Promise<FleetState> {
  const redis = createRedisClient(config.url)
  if (!(await whenReady(redis))) options.warn('limits: Redis is not answering yet')
  return {
    limits: createFallbackLimitsStore({
      primary: createRedisLimitsStore(redis),
      fallback: createMemoryLimitsStore(),
      warn: options.warn,
      onOutage: options.onOutage,
    }),
    conversations: withMemoryFallback(
      createRedisConversationMap(redis, { prefix: 'chatskins:openai', ttlSeconds: 7 * 24 * 3600 }),
    ),
    async ready() {
      try {
        await redis.ping()
        return []
      } catch {
        return ['redis: not answering']
      }
    },
    close: () => redis.disconnect(),
  }
}

/** A miss or a local write while Redis is away: the API answers, at worst with a new conversation. */
function withMemoryFallback(shared: ConversationMap): ConversationMap {
  const local = createMemoryConversationMap()
  return {
    get: (digest) => shared.get(digest).catch(() => local.get(digest)),
    set: (digest, id) => shared.set(digest, id).catch(() => local.set(digest, id)),
  }
}
