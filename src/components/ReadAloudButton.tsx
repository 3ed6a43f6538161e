import type { ChatMessage } from '../chat/chat-message.ts'
import type { MediaState } from '../media/media.ts'
import type { ReadAloud, Speakable } from '../media/read-aloud.ts'
import { useT } from '../i18n/translate-context.ts'

/** Plays a finished answer aloud (and stops it); only when the app has text to speech on. */
export function ReadAloudButton({ message, media }: { message: ChatMessage; media: MediaState }) {
  if (!media.voice.features.value.readAloud) return null
  return <ReadAloudToggle readAloud={media.readAloud} item={message} />
}

/** The button itself, for any text read aloud (a chat answer, a generator's result). */
export function ReadAloudToggle({ readAloud, item }: { readAloud: ReadAloud; item: Speakable }) {
  const t = useT()
  if (item.text.value.trim() === '') return null
  const playing = readAloud.playing.value === item.key
  const label = t('readAloud.play')
  return (
    <>
      <button
        type="button"
        data-part="read-aloud"
        class="icon-button"
        data-state={readAloud.loading.value === item.key ? 'loading' : playing ? 'playing' : 'idle'}
        aria-pressed={playing}
        title={playing ? t('readAloud.stop') : label}
        onClick={() => readAloud.toggle(item)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 9v6h4l5 4V5L8 9z" />
          {playing ? (
            <path d="M16 9l5 6M21 9l-5 6" />
          ) : (
            <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" />
          )}
        </svg>
        <span class="sr-only">{label}</span>
      </button>
      {readAloud.failed.value === item.key && (
        <span data-part="read-aloud-error" role="status">
          {t('readAloud.failed')}
        </span>
      )}
    </>
  )
}
