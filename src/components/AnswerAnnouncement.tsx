import { useEffect, useState } from 'preact/hooks'
import { useApp } from '../app/app-context.ts'
import { announceAnswer } from '../chat/answer-announcement.ts'

/** How long to wait for the finished answer's markdown to render before giving up. */
const RENDER_WAIT_MS = 5000

/**
 * The live region's words for the answer that just finished: its rendered text (what a sighted
 * reader sees, no markdown syntax), or a lead for a long one. Loaded with the first answer.
 */
export function AnswerAnnouncement() {
  const { t, bot, boot } = useApp()
  const [rendered, setRendered] = useState('')
  useEffect(() => whenLastAnswerRendered(setRendered), [])
  if (!rendered) return null
  const announced = announceAnswer(rendered, boot.locale)
  return (
    <>
      {announced.long
        ? t('announce.long', { ...bot, lead: announced.lead, count: announced.count })
        : t('announce.answer', { ...bot, text: announced.text })}
    </>
  )
}

/** Calls back with the last answer's text once its markdown has rendered; returns a cancel. */
function whenLastAnswerRendered(done: (text: string) => void): () => void {
  const deadline = performance.now() + RENDER_WAIT_MS
  let frame = requestAnimationFrame(function check() {
    const answers = document.querySelectorAll('[data-part="message"][data-role="bot"]')
    const content = answers[answers.length - 1]?.querySelector<HTMLElement>('[data-part="content"]')
    const settled = content?.dataset.format === 'markdown' && !content.hasAttribute('aria-busy')
    if (content && (settled || performance.now() > deadline)) done(renderedText(content))
    else frame = requestAnimationFrame(check)
  })
  return () => cancelAnimationFrame(frame)
}

const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, th, td, pre, blockquote, div'

/**
 * The answer as read: `innerText` leaves out blocks the browser skips while out of view
 * (`content-visibility`), so the text is taken from a copy, a space after every block.
 */
function renderedText(content: HTMLElement): string {
  const copy = content.cloneNode(true) as HTMLElement
  for (const hidden of copy.querySelectorAll('button, [aria-hidden="true"]')) hidden.remove()
  for (const block of copy.querySelectorAll(BLOCKS)) block.append(' ')
  return copy.textContent ?? ''
}
