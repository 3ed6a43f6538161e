import { useEffect, useRef } from 'preact/hooks'
import { useApp } from './app-context.ts'
import { Avatar } from './Avatar.tsx'
import { MessageItem } from './MessageItem.tsx'

/** How close to the bottom counts as "reading the latest", so new text keeps it in view. */
const PIN_THRESHOLD_PX = 48

export function MessageLog() {
  const { boot, store, t, bot } = useApp()
  const logRef = useRef<HTMLDivElement>(null)
  const contentRef = useRef<HTMLDivElement>(null)
  const pinned = useRef(true)
  const messages = store.messages.value

  useEffect(() => {
    const log = logRef.current
    const content = contentRef.current
    if (!log || !content) return
    const onScroll = () => {
      pinned.current = log.scrollHeight - log.scrollTop - log.clientHeight < PIN_THRESHOLD_PX
    }
    const observer = new ResizeObserver(() => {
      if (pinned.current) log.scrollTop = log.scrollHeight
    })
    observer.observe(content)
    log.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      observer.disconnect()
      log.removeEventListener('scroll', onScroll)
    }
  }, [])

  useEffect(() => {
    // Sending a message always brings the conversation's end into view.
    pinned.current = true
  }, [messages.length])

  return (
    <div
      ref={logRef}
      data-part="log"
      role="log"
      aria-live="off"
      aria-label={t('log.label', bot)}
      aria-busy={store.busy.value}
      tabIndex={0}
    >
      <div ref={contentRef} data-part="log-content">
        {messages.length === 0 ? (
          <section data-part="empty">
            <Avatar name={boot.botName} size="large" />
            <h2 data-part="empty-title">{t('empty.title', bot)}</h2>
            <p data-part="empty-body">{t('empty.body')}</p>
          </section>
        ) : (
          messages.map((message) => <MessageItem key={message.key} message={message} />)
        )}
      </div>
    </div>
  )
}
