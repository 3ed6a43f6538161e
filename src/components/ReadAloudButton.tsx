import type { ChatMessage } from '../chat/chat-message.ts'
import { useApp } from '../app/app-context.ts'
import { useMedia } from '../media/media-context.ts'

/** Plays a finished answer aloud (and stops it); only when the app has text to speech on. */
export function ReadAloudButton({ message }: { message: ChatMessage }) {
  const { t } = useApp()
  const media = useMedia()
  if (!media || !media.voice.features.value.readAloud) return null
  const { readAloud } = media
  if (message.text.value.trim() === '') return null
  const playing = readAloud.playing.value === message.key
  const label = t('readAloud.play')
  return (
    <>
      <button
        type="button"
        data-part="read-aloud"
        data-state={
          readAloud.loading.value === message.key ? 'loading' : playing ? 'playing' : 'idle'
        }
        aria-pressed={playing}
        title={playing ? t('readAloud.stop') : label}
        onClick={() => readAloud.toggle(message)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 9v6h4l5 4V5L8 9z" />
          {playing ? (
            <path d="M16 9l5 6M21 9l-5 6" />
          ) : (
            <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" />
          )}
        </svg>
        <span class="cs-visually-hidden">{label}</span>
      </button>
      {readAloud.failed.value === message.key && (
        <span data-part="read-aloud-error" role="status">
          {t('readAloud.failed')}
        </span>
      )}
    </>
  )
}
