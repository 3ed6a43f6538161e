import { isRecord } from '../../contract/guards.ts'
import type { InputFile } from '../media/attachments-rules.ts'
import type { InputValue, InputValues } from './inputs.ts'
import { safeLocalStorage } from '../app/safe-local-storage.ts'

/** How many conversations' inputs one endpoint keeps. */
const KEEP = 20

/**
 * The inputs each conversation was started with, per endpoint, in localStorage: Dify checks them
 * on every turn, so a reloaded page must send the same ones again. Quiet where storage is blocked.
 */
export interface InputsStorage {
  read(conversationId: string): InputValues | null
  write(conversationId: string, values: InputValues): void
}

export function createInputsStorage(
  endpointId: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage(),
): InputsStorage {
  const key = `chatskins:${endpointId}:inputs`
  const readAll = (): Record<string, InputValues> => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '{}')
      return isRecord(parsed) ? (parsed as Record<string, InputValues>) : {}
    } catch {
      return {}
    }
  }
  return {
    read(conversationId) {
      const values = readAll()[conversationId]
      if (!isRecord(values)) return null
      const kept: Record<string, InputValue> = {}
      for (const [name, value] of Object.entries(values)) {
        if (typeof value === 'string' || typeof value === 'boolean') kept[name] = value
        else if (Array.isArray(value)) kept[name] = value.filter(isUploadedFile)
      }
      return kept
    },
    write(conversationId, values) {
      const all = readAll()
      delete all[conversationId]
      all[conversationId] = values
      const ids = Object.keys(all)
      for (const id of ids.slice(0, Math.max(0, ids.length - KEEP))) delete all[id]
      try {
        storage?.setItem(key, JSON.stringify(all))
      } catch {
        // Private mode or full storage: the inputs just won't survive a reload.
      }
    },
  }
}

/**
 * Upload ids are Dify's per `user`, and the `user` comes from this browser's cookie for the same
 * endpoint, so a stored id stays usable exactly as long as the conversation it belongs to.
 */
function isUploadedFile(value: unknown): value is InputFile {
  return (
    isRecord(value) &&
    typeof value.uploadId === 'string' &&
    typeof value.name === 'string' &&
    typeof value.kind === 'string'
  )
}
