import { useRef } from 'preact/hooks'
import { useT } from '../i18n/translate-context.ts'
import type { MediaState } from '../media/media.ts'
import { HiddenFilePicker } from './HiddenFilePicker.tsx'

/** The composer's paper clip: opens the file picker, limited to what the app accepts. */
export function AttachButton({ media }: { media: MediaState }) {
  const t = useT()
  const inputRef = useRef<HTMLInputElement>(null)
  const rules = media.attachments.rules.value
  if (!rules) return null
  const full = media.attachments.items.value.length >= rules.maxFiles
  return (
    <>
      <HiddenFilePicker
        part="attach-input"
        inputRef={inputRef}
        multiple={rules.maxFiles > 1}
        accept={media.attachments.accept.value}
        onFiles={media.attachments.add}
      />
      <button
        type="button"
        data-part="attach"
        title={t('attachments.attach')}
        aria-disabled={full}
        onClick={() => {
          if (full) media.attachments.problem.value = { problem: 'count', max: rules.maxFiles }
          else inputRef.current?.click()
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />
        </svg>
        <span class="sr-only">{t('attachments.attach')}</span>
      </button>
    </>
  )
}

/** Paste and drop of files onto the composer, when the app takes files. */
export function fileDrop(media: MediaState) {
  if (!media.attachments.rules.value) return {}
  const take = (files: FileList | null | undefined, event: Event) => {
    if (!files || files.length === 0) return
    event.preventDefault()
    media.attachments.add([...files])
  }
  return {
    onPaste: (event: ClipboardEvent) => take(event.clipboardData?.files, event),
    onDragOver: (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault()
    },
    onDrop: (event: DragEvent) => take(event.dataTransfer?.files, event),
  }
}
