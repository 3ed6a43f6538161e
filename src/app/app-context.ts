import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { Translate } from '../i18n/translate.ts'
import type { ChatStore } from '../chat/chat-store.ts'
import type { BootData } from '../../contract/dify-wire.ts'

export interface AppContextValue {
  boot: BootData
  store: ChatStore
  t: Translate
  /** The `{bot}` value every string that names the bot uses. */
  bot: { bot: string }
}

export const AppContext = createContext<AppContextValue | null>(null)

export function useApp(): AppContextValue {
  const value = useContext(AppContext)
  if (!value) throw new Error('useApp outside <AppContext.Provider>')
  return value
}
