import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHistoryApi, readPage } from './history-api.ts'

const CONVERSATION = {
  id: 'c1',
  name: '<b>Trip</b>',
  status: 'normal',
  introduction: '',
  created_at: 1,
  updated_at: 2,
}

function answer(status: number, body?: unknown) {
  const fetch = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), { status }),
  )
  vi.stubGlobal('fetch', fetch)
  return fetch
}

afterEach(() => vi.unstubAllGlobals())

describe('createHistoryApi', () => {
  it('asks for a page of messages before first_id, on its own endpoint', async () => {
    const fetch = answer(200, { limit: 20, has_more: true, data: [] })
    const api = createHistoryApi('my bot')
    expect(await api.messages('c/1', { firstId: 'm1', limit: 20 })).toEqual({
      has_more: true,
      data: [],
    })
    await api.messages('c1', { limit: 5 })
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      '/my%20bot/api/messages?conversation_id=c%2F1&first_id=m1&limit=20',
      '/my%20bot/api/messages?conversation_id=c1&limit=5',
    ])
  })

  it('lists conversations after last_id, most recently updated first', async () => {
    const fetch = answer(200, { has_more: false, data: [CONVERSATION] })
    const page = await createHistoryApi('e').conversations({ lastId: 'c0', limit: 20 })
    expect(page.data).toEqual([CONVERSATION])
    expect(fetch.mock.calls[0]?.[0]).toBe(
      '/e/api/conversations?last_id=c0&limit=20&sort_by=-updated_at',
    )
  })

  it('renames with a JSON body and deletes with an empty JSON object', async () => {
    const fetch = answer(200, { ...CONVERSATION, name: 'Trip' })
    const api = createHistoryApi('e')
    expect((await api.rename('c1', 'Trip')).name).toBe('Trip')
    answer(204)
    await api.remove('c1')
    const [renameUrl, renameInit] = fetch.mock.calls[0] ?? []
    expect(renameUrl).toBe('/e/api/conversations/c1/name')
    expect(renameInit).toMatchObject({ method: 'POST', body: '{"name":"Trip"}' })
    const remove = vi.mocked(globalThis.fetch).mock.calls[0]
    expect(remove?.[0]).toBe('/e/api/conversations/c1')
    expect(remove?.[1]).toMatchObject({ method: 'DELETE', body: '{}' })
  })

  it('rejects with the server error, or invalid_response for a body that is not a page', async () => {
    answer(404, { code: 'conversation_not_found', message: 'Conversation Not Exists.' })
    await expect(createHistoryApi('e').messages('c1', { limit: 20 })).rejects.toMatchObject({
      code: 'conversation_not_found',
      status: 404,
    })
    answer(200, { nope: true })
    await expect(createHistoryApi('e').conversations({ limit: 20 })).rejects.toMatchObject({
      code: 'invalid_response',
    })
  })
})

describe('readPage', () => {
  it('keeps only items with the fields the client relies on', () => {
    const isNamed = (item: unknown): item is { id: string } =>
      typeof (item as { id?: unknown } | null)?.id === 'string'
    expect(readPage({ has_more: 'yes', data: [{ id: 'a' }, { id: 1 }, null] }, isNamed)).toEqual({
      has_more: false,
      data: [{ id: 'a' }],
    })
    expect(() => readPage([], isNamed)).toThrow()
  })
})
