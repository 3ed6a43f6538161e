import { useApp } from '../app/app-context.ts'
import { lazyModule } from '../app/lazy-module.ts'

const useAnswerAnnouncement = lazyModule(() => import('./AnswerAnnouncement.tsx'))

/**
 * Screen readers hear each finished answer once, here, instead of every streamed token: the log
 * itself is `aria-live="off"`.
 */
export function Announcer() {
  const { store } = useApp()
  const answer = store.announcement.value
  const announcement = useAnswerAnnouncement(answer !== '')
  return (
    <div data-part="announcer" class="sr-only" aria-live="polite" aria-atomic="true">
      {answer && announcement && <announcement.AnswerAnnouncement key={answer} />}
    </div>
  )
}
