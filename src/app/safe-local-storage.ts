/** The page's localStorage, or null where the browser blocks it (some private modes, sandboxes). */
export function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}
