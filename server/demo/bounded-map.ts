export interface BoundedMapOptions<V> {
  maxEntries: number
  /** Of all entries together, as `sizeOf` measures them. */
  maxBytes: number
  /** An entry's weight; measured again when `resize` is called after it grew. */
  sizeOf: (value: V) => number
}

/**
 * A Map that keeps at most `maxEntries` entries weighing at most `maxBytes` together, dropping
 * the oldest (first set) when a new or grown entry goes over. The newest entry always stays.
 */
export function createBoundedMap<K, V>(options: BoundedMapOptions<V>) {
  const entries = new Map<K, { value: V; bytes: number }>()
  let totalBytes = 0

  const evict = () => {
    for (const [key, entry] of entries) {
      if (entries.size <= 1) return
      if (entries.size <= options.maxEntries && totalBytes <= options.maxBytes) return
      entries.delete(key)
      totalBytes -= entry.bytes
    }
  }
  const remove = (key: K) => {
    const entry = entries.get(key)
    if (!entry) return
    entries.delete(key)
    totalBytes -= entry.bytes
  }

  return {
    get: (key: K): V | undefined => entries.get(key)?.value,
    set(key: K, value: V) {
      remove(key)
      const bytes = options.sizeOf(value)
      entries.set(key, { value, bytes })
      totalBytes += bytes
      evict()
    },
    /** Measures the entry again after it grew in place, and drops the oldest if now too heavy. */
    resize(key: K) {
      const entry = entries.get(key)
      if (!entry) return
      const bytes = options.sizeOf(entry.value)
      totalBytes += bytes - entry.bytes
      entry.bytes = bytes
      evict()
    },
    delete: remove,
    values: () => [...entries.values()].map((entry) => entry.value),
    get size() {
      return entries.size
    },
    get bytes() {
      return totalBytes
    },
  }
}
