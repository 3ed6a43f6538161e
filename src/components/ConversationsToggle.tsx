import { useApp } from '../app/app-context.ts'
import { PANEL_ID, useConversations } from '../conversations/conversations-context.ts'

/** Opens the drawer on phones; collapses and expands the sidebar on wide screens. */
export function ConversationsToggle() {
  const { t } = useApp()
  const { panel } = useConversations()
  return (
    <button
      type="button"
      data-part="conversations-toggle"
      class="icon-button"
      aria-expanded={panel.open.value}
      aria-controls={PANEL_ID}
      onClick={panel.toggle}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <rect x="3" y="4" width="18" height="16" rx="3" />
        <path d="M9.5 4v16" />
      </svg>
      <span class="sr-only">{t('conversations.toggle')}</span>
    </button>
  )
}
