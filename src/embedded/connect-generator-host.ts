import { effect } from '@preact/signals'
import type { AppFeatures } from '../app/app-features.ts'
import type { GeneratorStore } from '../generator/generator-store.ts'
import type { LastRun } from '../generator/last-run.ts'
import type { SavedResults } from '../generator/saved-results.ts'
import { copyableText } from '../generator/workflow-outputs.ts'
import { connectHost } from './host-bridge.ts'

export interface GeneratorHostOptions {
  endpointId: string
  host: string
  store: GeneratorStore
  features: AppFeatures
  lastRun: LastRun
  saved: SavedResults | null
}

/**
 * A text generator or workflow in an embed panel: `open` focuses the form's first field, each
 * run that succeeds goes to the host page as an answer. There is no composer, so `send` does
 * nothing here; `setInputs` fills the form.
 */
export function connectGeneratorHost(options: GeneratorHostOptions): void {
  const { store } = options
  connectHost({
    endpointId: options.endpointId,
    host: options.host,
    features: options.features,
    forget: () => {
      options.lastRun.clear()
      options.saved?.clear()
    },
    focusId: 'chatskins-field-0',
    watchAnswers: (tell) => {
      let wasBusy = false
      effect(() => {
        const busy = store.busy.value
        if (wasBusy && !busy) {
          const text = finishedText(store)
          if (text !== undefined) tell(text)
        }
        wasBusy = busy
      })
    },
  })
}

/** The text of the run that just ended, if it succeeded. */
function finishedText(store: GeneratorStore): string | undefined {
  if (store.kind === 'workflow') {
    const run = store.workflow.peek()
    return run?.status === 'succeeded' ? copyableText(run) : undefined
  }
  const [newest] = store.results.peek()
  return newest?.run.peek().status === 'succeeded' ? newest.text.peek() : undefined
}
