import type { RedisConfig } from '../config/types.ts'
import type { ReadinessCheck } from '../health/readiness-route.ts'
import { createMemoryLimitsStore, type LimitsStore } from '../security/limits-store.ts'
import { createMemoryConversationMap, type ConversationMap } from '../openai/conversation-map.ts'
import { createMemoryTaskOwners, type TaskOwners } from '../runs/task-owners.ts'
import { createFallbackLimitsStore } from './fallback-limits-store.ts'
import { createFallbackTaskOwners } from './fallback-task-owners.ts'
import { createRedisClient, whenReady } from './redis-client.ts'
import { createRedisConversationMap } from './redis-conversation-map.ts'
import { createRedisLimitsStore } from './redis-limits-store.ts'
import { createRedisTaskOwners } from './redis-task-owners.ts'
import { createSharedStoreOutage, type SharedStoreOutage } from './shared-store-outage.ts'

export interface FleetStateOptions {
  warn: (line: string) => void
  onOutage: () => void
}

export interface FleetState {
  /** Redis limits, falling back to this process's memory while Redis is away. */
  limits: LimitsStore
  /** The OpenAI API's conversation map in Redis; this process's memory while Redis is away. */
  conversations: ConversationMap
  /** Who started each text-generator task, in Redis; this process's own claims behind it. */
  taskOwners: TaskOwners
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
  const outage = createSharedStoreOutage(options)
  return {
    limits: createFallbackLimitsStore({
      primary: createRedisLimitsStore(redis),
      fallback: createMemoryLimitsStore(),
      outage,
    }),
    conversations: withMemoryFallback(
      createRedisConversationMap(redis, { prefix: 'chatskins:openai', ttlSeconds: 7 * 24 * 3600 }),
      outage,
    ),
    taskOwners: createFallbackTaskOwners({
      shared: createRedisTaskOwners(redis, { prefix: 'chatskins' }),
      local: createMemoryTaskOwners(),
      outage,
    }),
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
function withMemoryFallback(shared: ConversationMap, outage: SharedStoreOutage): ConversationMap {
  const local = createMemoryConversationMap()
  return {
    get: (digest) =>
      outage.run(
        () => shared.get(digest),
        () => local.get(digest),
      ),
    set: (digest, id) =>
      outage.run(
        () => shared.set(digest, id),
        () => local.set(digest, id),
      ),
  }
}
