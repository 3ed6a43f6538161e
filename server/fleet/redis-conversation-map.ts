import type { Redis } from 'ioredis'

export interface RedisConversationMapOptions {
  /** Namespace of the keys, e.g. `chatskins:openai`. */
  prefix: string
  /** How long an unused mapping is kept; each `set` starts it again. */
  ttlSeconds: number
}

/**
 * The OpenAI-compatible API's map from a conversation's digest to its Dify conversation id,
 * shared by every instance. Neither half is secret: a digest of messages and Dify's id.
 */
export function createRedisConversationMap(redis: Redis, options: RedisConversationMapOptions) {
  const keyOf = (digest: string) => `${options.prefix}:conversation:${digest}`
  return {
    async get(digest: string): Promise<string | undefined> {
      return (await redis.get(keyOf(digest))) ?? undefined
    },
    async set(digest: string, conversationId: string): Promise<void> {
      await redis.set(keyOf(digest), conversationId, 'EX', options.ttlSeconds)
    },
  }
}
