import { batch, computed, signal } from '@preact/signals'
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
import { MediaContext, type Media } from '../media/media-context.ts'
import { wantsMedia } from '../media/media-features.ts'
import { parseVoiceFeatures } from '../media/voice.ts'
import '../styles/generator.css'
import '../styles/generator-files.css'
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
  // Files and read-aloud: their code loads only for an app that switches one of them on, and
  // read-aloud is offered only with text to speech on.
  const media = signal<Media | null>(null)
  const speaks = signal(false)
  const readAloud = computed(() => (speaks.value ? (media.value?.readAloud ?? null) : null))
  parameters
    .then(async (raw) => {
      if (!wantsMedia(raw)) return
      const [{ createMedia }, parts] = await Promise.all([
        import('../media/media.ts'),
        import('../media/media-parts.ts'),
      ])
      // No composer here: the page offers no voice input, so its words go nowhere.
      const state = createMedia({ endpointId: boot.endpointId, parameters: raw, draft: signal('') })
      batch(() => {
        media.value = { ...state, parts }
        speaks.value = parseVoiceFeatures(raw).readAloud
      })
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
    files: () => media.peek()?.attachments.ready() ?? [],
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
        <MediaContext.Provider value={media}>
          <GeneratorPage />
        </MediaContext.Provider>
      </GeneratorContext.Provider>
    </TranslateContext.Provider>,
    root,
  )
}
