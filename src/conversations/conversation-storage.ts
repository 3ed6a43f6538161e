/** The current conversation id of one endpoint, in localStorage; quiet where storage is blocked. */
export interface ConversationStorage {
  read(): string | null
  write(conversationId: string): void
  clear(): void
}

export function createConversationStorage(
  endpointId: string,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeLocalStorage(),
): ConversationStorage {
  const key = `chatskins:${endpointId}:conversation_id`
  return {
    read() {
      try {
        return storage?.getItem(key) ?? null
      } catch {
        return null
      }
    },
    write(conversationId) {
      try {
        storage?.setItem(key, conversationId)
      } catch {
        // Private mode or full storage: the conversation still works, it just won't survive a reload.
      }
    },
    clear() {
      try {
        storage?.removeItem(key)
      } catch {
        // As above.
      }
    },
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}
