import { describe, expect, it } from 'vitest'
import { createConversationPanel } from './conversation-list-panel.ts'

function mediaQuery(matches: boolean) {
  const listeners: Array<(event: { matches: boolean }) => void> = []
  return {
    matches,
    addEventListener: (_type: 'change', listener: (event: { matches: boolean }) => void) =>
      void listeners.push(listener),
    change(next: boolean) {
      for (const listener of listeners) listener({ matches: next })
    },
  }
}

function memoryStorage(values: Record<string, string> = {}) {
  return {
    values,
    getItem: (key: string) => values[key] ?? null,
    setItem: (key: string, value: string) => void (values[key] = value),
  }
}

describe('createConversationPanel', () => {
  it('is a closed drawer on phones, toggled open and closed', () => {
    const panel = createConversationPanel({
      endpointId: 'e',
      wide: mediaQuery(false),
      storage: null,
    })
    expect(panel.open.value).toBe(false)
    expect(panel.sidebar.value).toBe(false)
    panel.toggle()
    expect(panel.open.value).toBe(true)
    panel.closeDrawer()
    expect(panel.open.value).toBe(false)
  })

  it('is an open sidebar on wide screens; collapsing it is remembered per endpoint', () => {
    const storage = memoryStorage()
    const panel = createConversationPanel({ endpointId: 'e', wide: mediaQuery(true), storage })
    expect(panel.sidebar.value).toBe(true)
    panel.toggle()
    expect(panel.sidebar.value).toBe(false)
    expect(storage.values).toEqual({ 'chatskins:e:sidebar': 'collapsed' })
    panel.closeDrawer()
    expect(panel.open.value).toBe(false)

    const again = createConversationPanel({ endpointId: 'e', wide: mediaQuery(true), storage })
    expect(again.open.value).toBe(false)
  })

  it('drops an open drawer when the screen widens into a sidebar', () => {
    const query = mediaQuery(false)
    const panel = createConversationPanel({ endpointId: 'e', wide: query, storage: null })
    panel.toggle()
    query.change(true)
    expect(panel.sidebar.value).toBe(true)
    query.change(false)
    expect(panel.open.value).toBe(false)
  })

  it('works where storage throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('blocked')
      },
      setItem: () => {
        throw new Error('blocked')
      },
    }
    const panel = createConversationPanel({
      endpointId: 'e',
      wide: mediaQuery(true),
      storage: throwing,
    })
    expect(panel.open.value).toBe(true)
    panel.toggle()
    expect(panel.open.value).toBe(false)
  })
})
