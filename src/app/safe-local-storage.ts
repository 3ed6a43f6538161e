/** The page's localStorage, or null where the browser blocks it (some private modes, sandboxes). */
export function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

/** One string kept under one key (an id to find again after a reload). */
export interface StoredString {
  read(): string | null
  write(value: string): void
  clear(): void
}

/**
 * A string in localStorage, quiet where storage is blocked or full: what it holds then just
 * doesn't survive a reload.
 */
export function createStoredString(
  key: string,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeLocalStorage(),
): StoredString {
  const attempt = <T>(action: () => T, fallback: T): T => {
    try {
      return action()
    } catch {
      return fallback
    }
  }
  return {
    read: () => attempt(() => storage?.getItem(key) ?? null, null),
    write: (value) => attempt(() => storage?.setItem(key, value), undefined),
    clear: () => attempt(() => storage?.removeItem(key), undefined),
  }
}
