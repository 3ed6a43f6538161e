import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { MessageKey } from '../i18n/translate.ts'
import type { ChatMessage, Rating } from '../chat/chat-message.ts'
import { copyText } from '../chat/clipboard.ts'
import { useApp } from '../app/app-context.ts'
import { useFeatures } from '../app/features-context.ts'
import { useMedia } from '../media/media-context.ts'
import { useT } from '../i18n/translate-context.ts'
import { CopyIcon, DislikeIcon, LikeIcon } from './ActionIcons.tsx'

/** How long "Copied" (or a failure) stays beside the buttons. */
const NOTE_MS = 2500

/**
 * Copy, rate and regenerate one finished answer. Only answers Dify knows (they have its id) get
 * them, and Regenerate only the last answer while nothing is streaming.
 */
export function MessageActions({ message }: { message: ChatMessage }) {
  const { store, t } = useApp()
  const features = useFeatures()
  const media = useMedia()
  const [note, setNote] = useState<MessageKey | null>(null)
  useEffect(() => {
    if (!note) return
    const timer = setTimeout(() => setNote(null), NOTE_MS)
    return () => clearTimeout(timer)
  }, [note])

  const status = message.status.value
  if (!features || !message.difyId.value || status === 'pending' || status === 'streaming') {
    return null
  }
  const text = message.text.value
  const rating = message.feedback.value
  const canRegenerate =
    store.messages.value.at(-1) === message && store.regenerableQuery.value !== undefined

  const copy = async () => setNote((await copyText(text)) ? 'actions.copied' : 'actions.copyFailed')
  const rate = async (pressed: 'like' | 'dislike') => {
    if (!(await features.toggleFeedback(message, pressed))) setNote('actions.feedbackFailed')
  }

  return (
    <div data-part="message-actions" role="group" aria-label={t('actions.label')}>
      {text.trim() !== '' && (
        <ActionButton part="action-copy" label={t('actions.copy')} onClick={copy}>
          <CopyIcon />
        </ActionButton>
      )}
      <RatingButtons rating={rating} onRate={rate} />
      {canRegenerate && (
        <ActionButton
          part="action-regenerate"
          label={t('actions.regenerate')}
          onClick={() => void store.regenerate().then(focusLatestActions)}
        >
          <path d="M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5" />
        </ActionButton>
      )}
      {media && <media.parts.ReadAloudButton message={message} media={media} />}
      <span data-part="action-status" role="status">
        {note && t(note)}
      </span>
    </div>
  )
}

/** Like and dislike: pressing the rating an answer has takes it back. */
export function RatingButtons({
  rating,
  onRate,
}: {
  rating: Rating
  onRate: (pressed: 'like' | 'dislike') => void
}) {
  const t = useT()
  return (
    <>
      <ActionButton
        part="action-like"
        label={t('actions.like')}
        pressed={rating === 'like'}
        onClick={() => onRate('like')}
      >
        <LikeIcon />
      </ActionButton>
      <ActionButton
        part="action-dislike"
        label={t('actions.dislike')}
        pressed={rating === 'dislike'}
        onClick={() => onRate('dislike')}
      >
        <DislikeIcon />
      </ActionButton>
    </>
  )
}

export interface ActionButtonProps {
  part: string
  label: string
  pressed?: boolean
  onClick: () => void
  children: ComponentChildren
}

/** One icon button of an answer's (or a generator result's) actions. */
export function ActionButton({ part, label, pressed, onClick, children }: ActionButtonProps) {
  return (
    <button
      type="button"
      data-part={part}
      class="icon-button"
      aria-pressed={pressed}
      title={label}
      onClick={onClick}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {children}
      </svg>
      <span class="sr-only">{label}</span>
    </button>
  )
}

/** After Regenerate (its button went with the old answer): the new answer's own actions. */
function focusLatestActions(): void {
  let frames = 10
  requestAnimationFrame(function find() {
    const answers = document.querySelectorAll('[data-part="message"][data-role="bot"]')
    const actions = answers[answers.length - 1]?.querySelector('[data-part="message-actions"]')
    const button =
      actions?.querySelector<HTMLElement>('[data-part="action-regenerate"]') ??
      actions?.querySelector<HTMLElement>('button')
    if (button) button.focus()
    else if (--frames > 0) requestAnimationFrame(find)
  })
}
