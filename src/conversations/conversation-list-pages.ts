import type { Conversation, Page } from '../api/history-api.ts'

/** The conversations loaded so far, most recently updated first, and whether more follow. */
export interface ListPages {
  items: Conversation[]
  hasMore: boolean
}

/**
 * A fresh first page on top of what was loaded. Sorted by `-updated_at`, a conversation only ever
 * moves up (a turn or a rename updates it), so what was loaded below the fresh page still follows
 * it, minus the ones that moved into it; a first page with nothing after it is the whole list.
 */
export function withFirstPage(list: ListPages, page: Page<Conversation>): ListPages {
  if (!page.has_more) return { items: page.data, hasMore: false }
  const fresh = new Set(page.data.map((item) => item.id))
  const below = list.items.filter((item) => !fresh.has(item.id))
  // Beyond the merged list lies what lay beyond the old one, unless it all fit in the fresh page.
  return { items: [...page.data, ...below], hasMore: below.length > 0 ? list.hasMore : true }
}

/** The page after the last loaded item (`last_id`), without the ones already listed. */
export function withNextPage(list: ListPages, page: Page<Conversation>): ListPages {
  const listed = new Set(list.items.map((item) => item.id))
  return {
    items: [...list.items, ...page.data.filter((item) => !listed.has(item.id))],
    hasMore: page.has_more,
  }
}

export function withRenamed(list: ListPages, renamed: Conversation): ListPages {
  return {
    ...list,
    items: list.items.map((item) => (item.id === renamed.id ? renamed : item)),
  }
}

export function withoutConversation(list: ListPages, id: string): ListPages {
  return { ...list, items: list.items.filter((item) => item.id !== id) }
}
