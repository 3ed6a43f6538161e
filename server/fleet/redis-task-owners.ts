import type { Redis } from 'ioredis'
import type { TaskOwners } from '../runs/task-owners.ts'

export interface RedisTaskOwnersOptions {
  /** Namespace of the keys, e.g. `chatskins`. */
  prefix: string
  /** How long an owner is kept after the claim (default 24 h, as in memory). */
  ttlSeconds?: number
}

/**
 * Who started each text-generator task and workflow run, shared by every instance, so a stop or
 * a run's detail sent to any instance is checked against the visitor who started it. One key per
 * id, `<prefix>:task-owner:<task:… | run:…>`, holding the Dify user, with a TTL.
 */
export function createRedisTaskOwners(redis: Redis, options: RedisTaskOwnersOptions): TaskOwners {
  const ttlSeconds = options.ttlSeconds ?? 24 * 60 * 60
  const keyOf = (id: string) => `${options.prefix}:task-owner:${id}`
  return {
    async claim(id, user) {
      await redis.set(keyOf(id), user, 'EX', ttlSeconds)
    },
    async ownerOf(id) {
      return (await redis.get(keyOf(id))) ?? undefined
    },
  }
}
