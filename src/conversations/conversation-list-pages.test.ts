import { describe, expect, it } from 'vitest'
import type { Conversation } from '../api/history-api.ts'
import {
  withFirstPage,
  withNextPage,
  withoutConversation,
  withRenamed,
  type ListPages,
} from './conversation-list-pages.ts'

function conversation(id: string, name = `chat ${id}`): Conversation {
  return { id, name, status: 'normal', introduction: '', created_at: 1, updated_at: 1 }
}

const ids = (list: ListPages) => list.items.map((item) => item.id).join('')
const list = (items: string, hasMore: boolean): ListPages => ({
  items: [...items].map((id) => conversation(id)),
  hasMore,
})
const page = (items: string, has_more: boolean) => ({
  has_more,
  data: [...items].map((id) => conversation(id)),
})

describe('withFirstPage', () => {
  it('is the first page when nothing was loaded', () => {
    expect(withFirstPage(list('', false), page('abc', true))).toEqual(list('abc', true))
    expect(withFirstPage(list('', false), page('ab', false))).toEqual(list('ab', false))
  })

  it('keeps what was loaded below the fresh page, without the items that moved up', () => {
    // d had a new turn: it moved to the top, pushing c out of the first page.
    const merged = withFirstPage(list('abcde', false), page('dab', true))
    expect(ids(merged)).toBe('dabce')
    expect(merged.hasMore).toBe(false)
  })

  it('keeps the old cursor state for what lies beyond', () => {
    // A new conversation n on top; c, still loaded, is where the next page starts.
    const merged = withFirstPage(list('abc', true), page('nab', true))
    expect(ids(merged)).toBe('nabc')
    expect(merged.hasMore).toBe(true)
  })

  it('expects more when everything loaded fit in the fresh page', () => {
    expect(withFirstPage(list('ab', false), page('nab', true))).toEqual(list('nab', true))
  })

  it('is the whole list when the first page is all there is', () => {
    // c and d were deleted elsewhere.
    expect(withFirstPage(list('abcd', true), page('ab', false))).toEqual(list('ab', false))
  })
})

describe('withNextPage', () => {
  it('appends the page without duplicates and takes its has_more', () => {
    expect(withNextPage(list('abc', true), page('cde', false))).toEqual(list('abcde', false))
    expect(withNextPage(list('ab', true), page('cd', true))).toEqual(list('abcd', true))
  })
})

describe('withRenamed and withoutConversation', () => {
  it('replace one item in place and remove one', () => {
    const renamed = withRenamed(list('abc', true), conversation('b', 'Trip'))
    expect(renamed.items.map((item) => item.name)).toEqual(['chat a', 'Trip', 'chat c'])
    expect(withoutConversation(renamed, 'b')).toEqual({
      items: [conversation('a'), conversation('c')],
      hasMore: true,
    })
  })
})
