import { signal } from '@preact/signals'
import { isRecord } from '../../contract/guards.ts'
import { safeLocalStorage } from '../app/safe-local-storage.ts'

/** A completion result the visitor kept. The Service API has no saved messages: the browser keeps them. */
export interface SavedResult {
  id: string
  text: string
  /** Epoch milliseconds. */
  savedAt: number
}

/** How many saved results one endpoint keeps; the oldest go first. */
export const KEEP_SAVED = 50

export interface SavedResultsOptions {
  endpointId: string
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null
  now?: () => number
}

/** Saved results per endpoint in localStorage, newest first; quiet where storage is blocked. */
export function createSavedResults(options: SavedResultsOptions) {
  const storage = options.storage === undefined ? safeLocalStorage() : options.storage
  const now = options.now ?? Date.now
  const key = `chatskins:${options.endpointId}:saved-results`
  const items = signal<SavedResult[]>(read())

  function read(): SavedResult[] {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]')
      return Array.isArray(parsed) ? parsed.filter(isSavedResult) : []
    } catch {
      return []
    }
  }

  /** False when storage refused (full, blocked): the list then stays as it was. */
  const write = (next: SavedResult[]): boolean => {
    try {
      storage?.setItem(key, JSON.stringify(next))
    } catch {
      return false
    }
    items.value = next
    return storage !== null
  }

  return {
    items,
    /** Keeps a result's text (once: saving the same text again is a no-op that succeeds). */
    save(text: string): boolean {
      if (items.peek().some((item) => item.text === text)) return true
      const item = { id: `saved-${now()}-${items.peek().length}`, text, savedAt: now() }
      return write([item, ...items.peek()].slice(0, KEEP_SAVED))
    },
    remove(id: string): void {
      write(items.peek().filter((item) => item.id !== id))
    },
    has: (text: string) => items.value.some((item) => item.text === text),
    /** Forgets them all: an embed panel's visitor logged out. */
    clear: (): void => void write([]),
  }
}

export type SavedResults = ReturnType<typeof createSavedResults>

function isSavedResult(value: unknown): value is SavedResult {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.text === 'string' &&
    typeof value.savedAt === 'number'
  )
}
