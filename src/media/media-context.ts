import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { ReadonlySignal } from '@preact/signals'
import type { MediaState } from './media.ts'

/**
 * Files, voice input and read-aloud: their state and, loaded with it, their parts. The parts take
 * the state as a prop rather than reading this context, so their module and this one don't
 * import each other.
 */
export interface Media extends MediaState {
  parts: typeof import('./media-parts.ts')
}

/** The media features, once loaded for an app that enables one of them. */
export const MediaContext = createContext<ReadonlySignal<Media | null> | null>(null)

/** The media features; null until loaded or where the app enables none, and their parts hide. */
export function useMedia(): Media | null {
  return useContext(MediaContext)?.value ?? null
}
