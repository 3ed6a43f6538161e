import { useApp } from '../app/app-context.ts'
import type { MediaState } from '../media/media.ts'

/** Speech to text: record, stop, and the words join the draft. Only where it can work. */
export function MicButton({ media }: { media: MediaState }) {
  const { t, store } = useApp()
  if (!media.canRecord || !media.voice.features.value.speechToText) return null
  const { voice } = media
  const state = voice.state.value
  const problem = voice.problem.value
  const recording = state === 'recording'
  const label = t('voice.start')
  return (
    <>
      <button
        type="button"
        data-part="mic"
        data-state={state}
        aria-pressed={recording}
        aria-disabled={state === 'starting' || state === 'transcribing' || store.busy.value}
        title={recording ? t('voice.stop') : label}
        onClick={() => {
          if (store.busy.peek() && !recording) return
          voice.toggle()
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <rect x="9" y="3" width="6" height="11" rx="3" />
          <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
        </svg>
        <span class="sr-only">{label}</span>
      </button>
      <p data-part="mic-status" role="status" class={problem ? undefined : 'sr-only'}>
        {problem === 'denied'
          ? t('voice.denied')
          : problem === 'failed'
            ? t('voice.failed')
            : recording
              ? t('voice.recording')
              : state === 'transcribing'
                ? t('voice.transcribing')
                : ''}
      </p>
    </>
  )
}
