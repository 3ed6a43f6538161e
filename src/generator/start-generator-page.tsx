import { signal } from '@preact/signals'
import { render } from 'preact'
import type { BootData } from '../../contract/dify-wire.ts'
import { createAppApi } from '../api/app-api.ts'
import { readTalkStream } from '../api/read-talk-stream.ts'
import { createRunApi } from '../api/run-api.ts'
import { createAppFeatures } from '../app/app-features.ts'
import { GeneratorPage } from '../components/generator/GeneratorPage.tsx'
import { loadGeneratorTranslator } from '../i18n/generator/translate-generator.ts'
import { TranslateContext } from '../i18n/translate-context.ts'
import { loadTranslator } from '../i18n/translate.ts'
import type { ReadAloud } from '../media/read-aloud.ts'
import { parseVoiceFeatures } from '../media/voice.ts'
import '../styles/generator.css'
import { GeneratorContext } from './generator-context.ts'
import { createGeneratorStore } from './generator-store.ts'
import { createLastRun } from './last-run.ts'
import { createSavedResults } from './saved-results.ts'

/**
 * The page of a completion or workflow endpoint (docs/app-types.md): the app's inputs form,
 * Run and Stop, the streamed result. Loaded as a chunk of its own, so a chat's first load
 * doesn't carry it.
 */
export async function startGeneratorPage(boot: BootData, root: HTMLElement): Promise<void> {
  const kind = boot.app === 'workflow' ? 'workflow' : 'completion'
  const appApi = createAppApi(boot.endpointId)
  const parameters = appApi.parameters()
  parameters.catch(() => {})
  const features = createAppFeatures({
    api: { ...appApi, parameters: () => parameters },
    endpointId: boot.endpointId,
    search: location.search,
  })
  void features.load()
  // Read-aloud loads only for an app with text to speech on.
  const readAloud = signal<ReadAloud | null>(null)
  parameters
    .then(async (raw) => {
      if (!parseVoiceFeatures(raw).readAloud) return
      const [{ createReadAloud }, { createMediaApi }] = await Promise.all([
        import('../media/read-aloud.ts'),
        import('../api/media-api.ts'),
      ])
      readAloud.value = createReadAloud({ api: createMediaApi(boot.endpointId) })
    })
    .catch(() => {})
  // An embed panel keeps its runs apart from the page's, and apart per host site, as the chat does.
  const host = boot.embed?.host
  const storageKey = host ? `${boot.endpointId}:embed:${host}` : boot.endpointId
  const lastRun = createLastRun(storageKey)
  const store = createGeneratorStore({
    kind,
    api: createRunApi(boot.endpointId, kind),
    inputs: async () => ((await features.checkInputs()) ? features.inputsForTurn() : undefined),
    lastRun,
    onCompletionEvent: (result, event) => readAloud.peek()?.onStreamEvent(result, event),
    readStream: readTalkStream,
  })
  void store.restore()
  const saved = kind === 'completion' ? createSavedResults({ endpointId: storageKey }) : null
  // Only embed panels load the bridge to their host page.
  if (host) {
    void import('../embedded/connect-generator-host.ts').then(({ connectGeneratorHost }) =>
      connectGeneratorHost({ endpointId: boot.endpointId, host, store, features, lastRun, saved }),
    )
  }
  const t = await loadGeneratorTranslator(boot.locale, loadTranslator(boot.locale))
  render(
    <TranslateContext.Provider value={t}>
      <GeneratorContext.Provider value={{ boot, store, features, saved, readAloud, t }}>
        <GeneratorPage />
      </GeneratorContext.Provider>
    </TranslateContext.Provider>,
    root,
  )
}
