import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { ReadonlySignal } from '@preact/signals'
import type { BootData } from '../../contract/dify-wire.ts'
import type { AppFeatures } from '../app/app-features.ts'
import type { GeneratorTranslate } from '../i18n/generator/translate-generator.ts'
import type { ReadAloud } from '../media/read-aloud.ts'
import type { GeneratorStore } from './generator-store.ts'
import type { SavedResults } from './saved-results.ts'

/** Everything the text generator's parts read: its runs, the form, saved results, words. */
export interface GeneratorContextValue {
  boot: BootData
  store: GeneratorStore
  features: AppFeatures
  /** Completion apps only: the results kept in this browser. */
  saved: SavedResults | null
  /** Once loaded, for an app with text to speech on. */
  readAloud: ReadonlySignal<ReadAloud | null>
  t: GeneratorTranslate
}

/** The results' section, where the skip link and a run on a phone take the visitor. */
export const RESULTS_ID = 'chatskins-results'

export const GeneratorContext = createContext<GeneratorContextValue | null>(null)

export function useGenerator(): GeneratorContextValue {
  const value = useContext(GeneratorContext)
  if (!value) throw new Error('useGenerator outside <GeneratorContext.Provider>')
  return value
}
