import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { Translate } from './translate.ts'

/**
 * The page's translator on its own, for parts every page type shows (the inputs form): they need
 * the words, not the chat store that `useApp` brings along.
 */
export const TranslateContext = createContext<Translate | null>(null)

export function useT(): Translate {
  const t = useContext(TranslateContext)
  if (!t) throw new Error('useT outside <TranslateContext.Provider>')
  return t
}
