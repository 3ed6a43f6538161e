import { useEffect, useRef } from 'preact/hooks'
import { useApp } from '../app/app-context.ts'
import { useMedia } from '../media/media-context.ts'

const COMPOSER_INPUT_ID = 'chatskins-input'

/** After an action whose button goes away (a chip, New chat, Dismiss), the next step is typing. */
export function focusComposer(): void {
  document.getElementById(COMPOSER_INPUT_ID)?.focus()
}

/** Keys pressed while an IME composes (Korean, Japanese, Chinese) report keyCode 229. */
const IME_PROCESS_KEY = 229

export function Composer() {
  const { boot, store, t, bot } = useApp()
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const busy = store.busy.value
  const empty = store.draft.value.trim() === ''
  // Sending waits for the attached files to finish uploading.
  const media = useMedia()
  const uploading = media?.attachments.uploading.value ?? false

  useEffect(() => {
    // Phones would pop the keyboard over the greeting; only fine pointers get focus on load. An
    // embed panel waits until it opens (src/embedded/host-bridge.ts).
    if (boot.embed) return
    if (globalThis.matchMedia?.('(pointer: fine)').matches) inputRef.current?.focus()
  }, [])

  const submit = (event: Event) => {
    event.preventDefault()
    if (busy || empty || uploading) return
    void store.send()
    inputRef.current?.focus()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && busy) return store.stop()
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return
    if (event.keyCode === IME_PROCESS_KEY) return
    submit(event)
  }

  return (
    <form
      data-part="composer"
      class="mx-auto flex w-full max-w-[calc(var(--cs-content-width)+2*var(--cs-space-4))] flex-none items-end gap-(--cs-space-2) px-(--cs-space-4) pt-(--cs-space-2) pb-[max(var(--cs-space-3),env(safe-area-inset-bottom))] embed:pb-(--cs-space-3)"
      onSubmit={submit}
      {...(media && media.parts.fileDrop(media))}
    >
      {media && <media.parts.Attachments media={media} />}
      <label data-part="composer-label" class="sr-only" for={COMPOSER_INPUT_ID}>
        {t('composer.label', bot)}
      </label>
      {media && <media.parts.AttachButton media={media} />}
      {media && <media.parts.MicButton media={media} />}
      <textarea
        ref={inputRef}
        id={COMPOSER_INPUT_ID}
        data-part="input"
        rows={1}
        value={store.draft.value}
        placeholder={t('composer.placeholder', bot)}
        aria-describedby="chatskins-hint"
        enterkeyhint="send"
        onInput={(event) => (store.draft.value = event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <p id="chatskins-hint" data-part="composer-hint" class="sr-only">
        {t('composer.hint')}
      </p>
      {busy ? (
        <button type="button" data-part="stop" onClick={store.stop}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="7" y="7" width="10" height="10" rx="2" />
          </svg>
          <span class="sr-only">{t('composer.stop')}</span>
        </button>
      ) : (
        <button type="submit" data-part="send" aria-disabled={empty || uploading}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M4 12l16-8-6 16-2.5-6.5z" />
          </svg>
          <span class="sr-only">{t('composer.send')}</span>
        </button>
      )}
    </form>
  )
}
