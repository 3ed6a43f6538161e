import { useEffect, useId, useRef, useState } from 'preact/hooks'
import type { Conversation } from '../api/history-api.ts'
import { useApp } from '../app/app-context.ts'
import { useConversations } from '../conversations/conversations-context.ts'

/** Keys pressed while an IME composes (Korean, Japanese, Chinese) report keyCode 229. */
const IME_PROCESS_KEY = 229

/** Enter saves, Esc cancels (without closing the drawer), an empty name is refused. */
export function RenameForm({ conversation }: { conversation: Conversation }) {
  const { t } = useApp()
  const { list } = useConversations()
  const [value, setValue] = useState(conversation.name)
  const [refused, setRefused] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const hintId = useId()
  const busy = list.working.value === conversation.id
  const failed = list.failure.value?.action === 'rename'

  useEffect(() => {
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [])

  const submit = (event: Event) => {
    event.preventDefault()
    if (busy) return
    if (value.trim() === '') return setRefused(true)
    void list.rename(conversation.id, value)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      list.cancelEdit()
    } else if (event.key === 'Enter' && (event.isComposing || event.keyCode === IME_PROCESS_KEY)) {
      event.preventDefault()
    }
  }

  return (
    <form data-part="conversation-rename-form" onSubmit={submit} onKeyDown={onKeyDown}>
      <input
        ref={inputRef}
        data-part="conversation-name-input"
        aria-label={t('conversations.renameLabel')}
        value={value}
        maxLength={NAME_MAX_LENGTH}
        readOnly={busy}
        enterkeyhint="done"
        aria-invalid={refused || failed}
        aria-describedby={refused || failed ? hintId : undefined}
        onInput={(event) => {
          setValue(event.currentTarget.value)
          setRefused(false)
        }}
      />
      <button type="submit" data-part="conversation-save" class="icon-button" aria-disabled={busy}>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M5 12.5l4.5 4.5L19 7.5" />
        </svg>
        <span class="sr-only">{t('conversations.save')}</span>
      </button>
      <button
        type="button"
        data-part="conversation-cancel"
        class="icon-button"
        onClick={list.cancelEdit}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
        <span class="sr-only">{t('conversations.cancel')}</span>
      </button>
      {(refused || failed) && (
        <p id={hintId} data-part="conversation-hint" role="alert">
          {t(refused ? 'conversations.nameRequired' : 'conversations.renameFailed')}
        </p>
      )}
    </form>
  )
}

/** The server takes names of up to 200 characters. */
const NAME_MAX_LENGTH = 200

export function DeleteConfirmation(props: { id: string; name: string; onRemoved: () => void }) {
  const { t } = useApp()
  const { list } = useConversations()
  const cancelRef = useRef<HTMLButtonElement>(null)
  const textId = useId()
  const busy = list.working.value === props.id
  const failed = list.failure.value?.action === 'delete'

  useEffect(() => cancelRef.current?.focus(), [])

  const confirm = async () => {
    if (busy) return
    if (await list.remove(props.id)) props.onRemoved()
  }

  return (
    <div
      data-part="conversation-confirm"
      role="group"
      aria-labelledby={textId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        list.cancelEdit()
      }}
    >
      <p id={textId} data-part="conversation-confirm-text">
        {t('conversations.confirmDelete', { name: props.name })}
      </p>
      {failed && (
        <p data-part="conversation-hint" role="alert">
          {t('conversations.deleteFailed')}
        </p>
      )}
      <div data-part="conversation-confirm-actions">
        <button
          type="button"
          data-part="conversation-confirm-delete"
          aria-disabled={busy}
          onClick={() => void confirm()}
        >
          {t('conversations.delete')}
        </button>
        <button
          ref={cancelRef}
          type="button"
          data-part="conversation-cancel"
          onClick={list.cancelEdit}
        >
          {t('conversations.cancel')}
        </button>
      </div>
    </div>
  )
}
