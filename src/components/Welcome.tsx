import { useEffect, useRef } from 'preact/hooks'
import { useApp } from '../app/app-context.ts'
import { Avatar } from './Avatar.tsx'
import { useFeatures } from '../app/features-context.ts'
import { InputsPanel } from './InputsPanel.tsx'
import { SuggestedQuestions } from './SuggestedQuestions.tsx'

/**
 * Before the first message: the bot's greeting (the app's opening statement, or the default
 * line), the inputs form, and the app's starter questions.
 */
export function Welcome() {
  const { boot, t, bot } = useApp()
  const features = useFeatures()
  const ref = useRef<HTMLElement>(null)
  useStartAtTop(ref)
  const opening = features?.opening.value ?? []
  return (
    <section ref={ref} data-part="empty">
      <Avatar name={boot.botName} size="large" />
      <h2 data-part="empty-title">{t('empty.title', bot)}</h2>
      {opening.length > 0 ? (
        <p data-part="opening">
          {opening.map((part) =>
            typeof part === 'string' ? part : <span data-part="opening-blank">{part.blank}</span>,
          )}
        </p>
      ) : (
        <p data-part="empty-body">{t('empty.body')}</p>
      )}
      {features && <InputsPanel />}
      {features && (
        <SuggestedQuestions
          questions={features.parameters.value.suggestedQuestions}
          label={t('suggestions.starters')}
        />
      )}
    </section>
  )
}

/**
 * The log keeps its end in view, which for a welcome taller than the screen (a long greeting,
 * an inputs form) would hide the greeting: it is read from the top, so it starts there whenever
 * it grows, unless the visitor is at work inside the log.
 */
function useStartAtTop(ref: { current: HTMLElement | null }) {
  useEffect(() => {
    const section = ref.current
    const log = section?.closest<HTMLElement>('[data-part="log"]')
    if (!section || !log) return
    let height = 0
    let frame = 0
    const observer = new ResizeObserver(([entry]) => {
      const next = entry?.contentRect.height ?? 0
      if (next === height) return
      height = next
      cancelAnimationFrame(frame)
      // A frame later, after the log's own observer has pinned its end.
      frame = requestAnimationFrame(() => {
        if (!log.contains(document.activeElement)) log.scrollTop = 0
      })
    })
    observer.observe(section)
    return () => {
      observer.disconnect()
      cancelAnimationFrame(frame)
    }
  }, [])
}
