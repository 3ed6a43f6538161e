import { createStoredString, type StoredString } from '../app/safe-local-storage.ts'

/** The current conversation id of one endpoint, in localStorage; quiet where storage is blocked. */
export type ConversationStorage = StoredString

export function createConversationStorage(
  endpointId: string,
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null,
): ConversationStorage {
  return createStoredString(`chatskins:${endpointId}:conversation_id`, storage)
}
