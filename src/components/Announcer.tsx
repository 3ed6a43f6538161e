import { useApp } from '../app/app-context.ts'

/**
 * Screen readers hear each finished answer once, here, instead of every streamed token: the log
 * itself is `aria-live="off"`.
 */
export function Announcer() {
  const { store, t, bot } = useApp()
  const text = store.announcement.value
  return (
    <div data-part="announcer" class="cs-visually-hidden" aria-live="polite" aria-atomic="true">
      {text ? t('announce.answer', { ...bot, text }) : ''}
    </div>
  )
}
