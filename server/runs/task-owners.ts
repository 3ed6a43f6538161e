/**
 * Who started each task and workflow run chatskins relayed. Dify's workflow stop and run detail
 * look tasks up by id alone (docs/dify-wire.md#workflows-run), so the server keeps the owner and
 * refuses anyone else. Async like LimitsStore, so a fleet can keep it in its shared store.
 */
export interface TaskOwners {
  /** Records `user` as the owner of `id` (a task id or a workflow run id). */
  claim(id: string, user: string): Promise<void>
  /** The owner of `id`, or undefined when unknown (never relayed here, or long forgotten). */
  ownerOf(id: string): Promise<string | undefined>
}

export interface MemoryTaskOwnersOptions {
  /** The most ids kept; the oldest is forgotten first. */
  maxEntries?: number
  /** How long an id is kept after its claim. */
  ttlMs?: number
  now?: () => number
}

/** One process's owners in a bounded map: enough for a single server, forgotten on restart. */
export function createMemoryTaskOwners(options: MemoryTaskOwnersOptions = {}): TaskOwners {
  const maxEntries = options.maxEntries ?? 50_000
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000
  const now = options.now ?? Date.now
  const owners = new Map<string, { user: string; at: number }>()
  return {
    async claim(id, user) {
      owners.delete(id)
      while (owners.size >= maxEntries) owners.delete(owners.keys().next().value!)
      owners.set(id, { user, at: now() })
    },
    async ownerOf(id) {
      const entry = owners.get(id)
      if (!entry) return undefined
      if (now() - entry.at > ttlMs) {
        owners.delete(id)
        return undefined
      }
      return entry.user
    },
  }
}
