import type { EndpointConfig } from '../config/types.ts'

/**
 * The build's entries for the endpoints that still look as they did when it ran (`lookOf` of the
 * run-time config is the entry's `look`), by endpoint id, and the ids of the endpoints that don't:
 * the Worker's config arrives only at run time, so what the build made from another config must
 * not be served as this one's.
 */
export function entriesAsBuilt<Entry extends { id: string; look: string }>(
  endpoints: readonly EndpointConfig[],
  built: readonly Entry[],
  lookOf: (endpoint: EndpointConfig) => string,
): { matched: Map<string, Entry>; unmatched: string[] } {
  const byId = new Map(built.map((entry) => [entry.id, entry]))
  const matched = new Map<string, Entry>()
  const unmatched: string[] = []
  for (const endpoint of endpoints) {
    const entry = byId.get(endpoint.id)
    if (entry?.look === lookOf(endpoint)) matched.set(endpoint.id, entry)
    else unmatched.push(endpoint.id)
  }
  return { matched, unmatched }
}
