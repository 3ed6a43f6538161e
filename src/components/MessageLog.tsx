import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { useApp } from '../app/app-context.ts'
import { useConversations } from '../conversations/conversations-context.ts'
import { HistoryStart } from './HistoryStart.tsx'
import { MessageItem } from './MessageItem.tsx'
import { Welcome } from './Welcome.tsx'

/** How close to the bottom counts as "reading the latest", so new text keeps it in view. */
const PIN_THRESHOLD_PX = 48

export function MessageLog() {
  const { store, t, bot } = useApp()
  const logRef = useRef<HTMLDivElement>(null)
  const contentRef = useRef<HTMLDivElement>(null)
  const pinned = useRef(true)
  /** The reader has scrolled up: while an answer streams, a button takes them to its end. */
  const [away, setAway] = useState(false)
  const messages = store.messages.value
  /** A welcome is read from its top: only a conversation keeps its end in view. */
  const welcoming = useRef(true)
  welcoming.current = messages.length === 0
  const { history } = useConversations()

  useEffect(() => {
    const log = logRef.current
    const content = contentRef.current
    if (!log || !content) return
    let lastTop = log.scrollTop
    const onScroll = () => {
      const top = log.scrollTop
      if (log.scrollHeight - top - log.clientHeight < PIN_THRESHOLD_PX) pinned.current = true
      // Only the reader moving up lets go of the end: an answer growing below (or rendering
      // above, which the browser's scroll anchoring compensates) moves the end, not the reader.
      else if (top < lastTop) pinned.current = false
      lastTop = top
      setAway(!pinned.current)
    }
    const observer = new ResizeObserver(() => {
      if (!pinned.current || welcoming.current) return
      log.scrollTop = log.scrollHeight
      lastTop = log.scrollTop
    })
    observer.observe(content)
    log.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      observer.disconnect()
      log.removeEventListener('scroll', onScroll)
    }
  }, [])

  const lastKey = messages.at(-1)?.key
  useEffect(() => {
    // Sending a message (or opening a conversation) brings its end into view; older pages don't.
    pinned.current = true
  }, [lastKey])

  // Older pages go in above what is being read: keep its distance from the bottom. Measured
  // while rendering, before Preact changes the DOM, and restored as soon as the page is in.
  const firstKey = messages[0]?.key
  const shownFirstKey = useRef(firstKey)
  const fromBottom = useRef<number | null>(null)
  if (firstKey !== shownFirstKey.current) {
    const log = logRef.current
    const prepended = messages.some((message) => message.key === shownFirstKey.current)
    if (log && prepended) fromBottom.current = log.scrollHeight - log.scrollTop
    shownFirstKey.current = firstKey
  }
  useLayoutEffect(() => {
    const log = logRef.current
    if (!log || fromBottom.current === null) return
    log.scrollTop = log.scrollHeight - fromBottom.current
    fromBottom.current = null
  }, [firstKey])

  const jumpToLatest = () => {
    const log = logRef.current
    if (log) log.scrollTop = log.scrollHeight
  }

  return (
    <>
      <div
        ref={logRef}
        data-part="log"
        class="min-h-0 flex-1 overflow-x-hidden overflow-y-auto overscroll-contain [scrollbar-gutter:stable]"
        role="log"
        aria-live="off"
        aria-label={t('log.label', bot)}
        aria-busy={store.busy.value || history.restoring.value}
        tabIndex={0}
      >
        <div
          ref={contentRef}
          data-part="log-content"
          class="relative mx-auto flex w-full max-w-content flex-col gap-(--cs-space-4) px-(--cs-space-4) py-(--cs-space-6)"
        >
          <HistoryStart />
          {messages.length === 0
            ? !history.pending.value && <Welcome />
            : messages.map((message) => <MessageItem key={message.key} message={message} />)}
        </div>
      </div>
      {away && store.busy.value && (
        <button type="button" data-part="jump-latest" onClick={jumpToLatest}>
          {t('log.jumpToLatest')}
        </button>
      )}
    </>
  )
}
