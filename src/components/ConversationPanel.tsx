import { useEffect, useRef } from 'preact/hooks'
import { ConversationList } from './ConversationList.tsx'
import {
  PANEL_ID,
  PANEL_TITLE_ID,
  useConversations,
} from '../conversations/conversations-context.ts'

/** The conversation list: a sidebar beside the chat on wide screens, a drawer over it on phones. */
export function ConversationPanel() {
  const { panel } = useConversations()
  if (!panel.wide.value) return <ConversationDrawer />
  const open = panel.open.value
  return (
    <nav
      id={PANEL_ID}
      data-part="conversations"
      data-mode="sidebar"
      aria-labelledby={PANEL_TITLE_ID}
      hidden={!open}
    >
      {open && <ConversationList drawer={false} />}
    </nav>
  )
}

/**
 * A modal `<dialog>`: the page behind is inert, Tab stays inside, Esc closes it, and focus goes
 * back where it was (the toggle). A click on the backdrop closes it too.
 */
function ConversationDrawer() {
  const { panel } = useConversations()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const returnFocus = useRef<HTMLElement | null>(null)
  const open = panel.open.value

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement as HTMLElement | null
      dialog.showModal()
    } else if (!open && dialog.open) {
      dialog.close()
    }
  }, [open])

  const onClick = (event: MouseEvent) => {
    const dialog = dialogRef.current
    if (!dialog || event.target !== dialog) return
    const box = dialog.getBoundingClientRect()
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom
    if (!inside) panel.closeDrawer()
  }

  return (
    <dialog
      ref={dialogRef}
      id={PANEL_ID}
      data-part="conversations"
      data-mode="drawer"
      aria-labelledby={PANEL_TITLE_ID}
      onClick={onClick}
      onClose={() => {
        panel.closeDrawer()
        returnFocus.current?.focus()
        returnFocus.current = null
      }}
    >
      {open && <ConversationList drawer />}
    </dialog>
  )
}
