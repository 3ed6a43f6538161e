export interface StreamSlots {
  /** A slot for `key` if it holds fewer than `max`; the returned release is safe to call twice. */
  open(key: string, max: number): (() => void) | null
  /** Slots `key` holds now. */
  count(key: string): number
}

/** Counts the answers each visitor has streaming; a key with none takes no memory. */
export function createStreamSlots(): StreamSlots {
  const open = new Map<string, number>()
  return {
    open(key, max) {
      const held = open.get(key) ?? 0
      if (held >= max) return null
      open.set(key, held + 1)
      let released = false
      return () => {
        if (released) return
        released = true
        const left = (open.get(key) ?? 1) - 1
        if (left > 0) open.set(key, left)
        else open.delete(key)
      }
    },
    count: (key) => open.get(key) ?? 0,
  }
}
