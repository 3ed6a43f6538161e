import { batch, computed, signal } from '@preact/signals'
import { safeLocalStorage } from '../app/safe-local-storage.ts'

/** Where the list is a persistent sidebar beside the chat; narrower, it is a drawer over it. */
export const WIDE_QUERY = '(min-width: 1024px)'

/** What the panel needs of a `MediaQueryList`. */
export interface WideQuery {
  matches: boolean
  addEventListener(type: 'change', listener: (event: { matches: boolean }) => void): void
}

export interface ConversationPanelOptions {
  endpointId: string
  /** `matchMedia(WIDE_QUERY)`, or null where there is none. */
  wide: WideQuery | null
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null
}

/**
 * Whether the conversation list is shown: a sidebar (open unless the visitor collapsed it, which
 * is remembered) or a drawer (closed until asked for). Each keeps its own state, so turning a
 * tablet doesn't throw a drawer over the chat.
 */
export function createConversationPanel(options: ConversationPanelOptions) {
  const storage = options.storage === undefined ? safeLocalStorage() : options.storage
  const key = `chatskins:${options.endpointId}:sidebar`
  const wide = signal(options.wide?.matches ?? false)
  const sidebarOpen = signal(read(storage, key) !== 'collapsed')
  const drawerOpen = signal(false)
  options.wide?.addEventListener('change', (event) => {
    batch(() => {
      wide.value = event.matches
      if (event.matches) drawerOpen.value = false
    })
  })

  return {
    wide,
    open: computed(() => (wide.value ? sidebarOpen.value : drawerOpen.value)),
    /** The sidebar beside the chat is showing (so the layout makes room for it). */
    sidebar: computed(() => wide.value && sidebarOpen.value),
    toggle() {
      if (!wide.value) {
        drawerOpen.value = !drawerOpen.value
        return
      }
      sidebarOpen.value = !sidebarOpen.value
      write(storage, key, sidebarOpen.value ? 'open' : 'collapsed')
    },
    closeDrawer() {
      drawerOpen.value = false
    },
  }
}

export type ConversationPanel = ReturnType<typeof createConversationPanel>

// Storage can throw (private mode, blocked cookies): the preference then lasts for the page.
function read(storage: Pick<Storage, 'getItem'> | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null
  } catch {
    return null
  }
}

function write(storage: Pick<Storage, 'setItem'> | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value)
  } catch {
    // As above.
  }
}
