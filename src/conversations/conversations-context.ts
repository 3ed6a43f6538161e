import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { ConversationList } from './conversation-list.ts'
import type { ConversationPanel } from './conversation-list-panel.ts'
import type { HistoryStore } from './history-store.ts'

/** History and the conversation list, beside the chat's own context. */
export interface ConversationsContextValue {
  history: HistoryStore
  list: ConversationList
  panel: ConversationPanel
}

export const ConversationsContext = createContext<ConversationsContextValue | null>(null)

export function useConversations(): ConversationsContextValue {
  const value = useContext(ConversationsContext)
  if (!value) throw new Error('useConversations outside <ConversationsContext.Provider>')
  return value
}

/** The panel's element id, for the toggle's aria-controls. */
export const PANEL_ID = 'chatskins-conversations'
/** The panel's heading, which names it. */
export const PANEL_TITLE_ID = 'chatskins-conversations-title'
