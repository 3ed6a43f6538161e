import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { AppFeatures } from './app-features.ts'

export const FeaturesContext = createContext<AppFeatures | null>(null)

/** The app's Dify features; null where nothing provides them, and the feature parts then hide. */
export function useFeatures(): AppFeatures | null {
  return useContext(FeaturesContext)
}
