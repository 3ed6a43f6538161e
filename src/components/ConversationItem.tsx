import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { Conversation } from '../api/history-api.ts'
import { useApp } from '../app/app-context.ts'
import { lazyModule } from '../app/lazy-module.ts'
import { formatConversationDate } from '../conversations/conversation-date.ts'
import { PANEL_ID, useConversations } from '../conversations/conversations-context.ts'

/** Renaming and deleting are rare: their forms are fetched the first time one is asked for. */
const useEditor = lazyModule(() => import('./ConversationEditor.tsx'))

export interface ConversationItemProps {
  conversation: Conversation
  now: Date
  /** After a delete, focus goes somewhere that still exists. */
  onRemoved: () => void
}

/** One conversation: open it, or rename it in place, or delete it after a confirmation. */
export function ConversationItem({ conversation, now, onRemoved }: ConversationItemProps) {
  const { boot, store, t } = useApp()
  const { list, panel } = useConversations()
  const selectRef = useRef<HTMLButtonElement>(null)
  const editing = list.editing.value
  const mode = editing?.id === conversation.id ? editing.mode : null
  const current = store.conversationId.value === conversation.id
  const name = conversation.name.trim() || t('conversations.untitled')
  const editor = useEditor(mode !== null)

  // Back from renaming or from the confirmation, focus (lost with the field) returns to the item.
  const wasEditing = useRef(false)
  useEffect(() => {
    if (wasEditing.current && !mode && focusLost()) selectRef.current?.focus()
    wasEditing.current = mode !== null
  }, [mode])

  return (
    <li
      data-part="conversation"
      data-current={String(current)}
      data-mode={mode ?? 'view'}
      aria-busy={list.working.value === conversation.id}
    >
      {mode === 'rename' && editor ? (
        <editor.RenameForm conversation={conversation} />
      ) : mode === 'delete' && editor ? (
        <editor.DeleteConfirmation id={conversation.id} name={name} onRemoved={onRemoved} />
      ) : (
        <>
          <button
            ref={selectRef}
            type="button"
            data-part="conversation-select"
            aria-current={current ? 'true' : undefined}
            onClick={() => {
              list.select(conversation.id)
              panel.closeDrawer()
            }}
          >
            <span data-part="conversation-name">{name}</span>
            <time
              data-part="conversation-date"
              dateTime={new Date(conversation.updated_at * 1000).toISOString()}
            >
              {formatConversationDate(conversation.updated_at, now, boot.locale)}
            </time>
          </button>
          <EditButton
            mode="rename"
            label={t('conversations.renameItem', { name })}
            onClick={() => list.edit(conversation.id, 'rename')}
          >
            <path d="M4 20h4L19 9l-4-4L4 16z M13.5 6.5l4 4" />
          </EditButton>
          <EditButton
            mode="delete"
            label={t('conversations.deleteItem', { name })}
            onClick={() => list.edit(conversation.id, 'delete')}
          >
            <path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13" />
          </EditButton>
        </>
      )}
    </li>
  )
}

interface EditButtonProps {
  mode: 'rename' | 'delete'
  label: string
  onClick: () => void
  children: ComponentChildren
}

/** An item's rename or delete button: its icon, named for screen readers. */
function EditButton({ mode, label, onClick, children }: EditButtonProps) {
  return (
    <button type="button" data-part={`conversation-${mode}`} class="icon-button" onClick={onClick}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {children}
      </svg>
      <span class="sr-only">{label}</span>
    </button>
  )
}

function focusLost(): boolean {
  const focused = document.activeElement
  return !focused || focused === document.body || focused.id === PANEL_ID
}
