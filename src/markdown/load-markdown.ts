/**
 * Loads the markdown renderer on first need, so marked and DOMPurify stay out of the first
 * download. Until it arrives, answers show as plain text.
 */
export type MarkdownModule = typeof import('./index.ts')

let loaded: MarkdownModule | null = null
let loading: Promise<MarkdownModule> | undefined

export function loadMarkdown(): Promise<MarkdownModule> {
  loading ??= import('./index.ts').then(
    (module) => (loaded = module),
    (error: unknown) => {
      // A failed chunk load (a deploy replaced it, the network blinked) may work next time.
      loading = undefined
      throw error
    },
  )
  return loading
}

/** The renderer if it has loaded, for a first render without a flash of plain text. */
export function loadedMarkdown(): MarkdownModule | null {
  return loaded
}

/** Starts loading ahead of the first answer, e.g. once the user is in the composer. */
export function preloadMarkdown(): void {
  loadMarkdown().catch(() => {})
}
