/** Where digests of an OpenAI history map to Dify conversation ids; memory here, Redis in a fleet. */
export interface ConversationMap {
  get(digest: string): Promise<string | undefined>
  set(digest: string, conversationId: string): Promise<void>
}

/** Enough for many busy clients; one entry is ~150 bytes, so the cap is a few MB at most. */
export const DEFAULT_MAX_CONVERSATIONS = 20_000

/**
 * One process's map, bounded by count: a Map keeps insertion order, so a read moves the entry to
 * the end and the first entry is always the least recently used one, dropped past `max`.
 */
export function createMemoryConversationMap(max = DEFAULT_MAX_CONVERSATIONS): ConversationMap {
  const entries = new Map<string, string>()
  return {
    async get(digest) {
      const conversationId = entries.get(digest)
      if (conversationId !== undefined) {
        entries.delete(digest)
        entries.set(digest, conversationId)
      }
      return conversationId
    },
    async set(digest, conversationId) {
      entries.delete(digest)
      entries.set(digest, conversationId)
      if (entries.size > max) entries.delete(entries.keys().next().value!)
    },
  }
}
