import { useEffect, useState } from 'preact/hooks'
import { copyText } from '../../chat/clipboard.ts'
import type { Rateable } from '../../chat/feedback.ts'
import { useGenerator } from '../../generator/generator-context.ts'
import type { GeneratorKey } from '../../i18n/generator/generator-en.ts'
import type { MessageKey } from '../../i18n/translate.ts'
import type { Speakable } from '../../media/read-aloud.ts'
import { CopyIcon } from '../ActionIcons.tsx'
import { ActionButton, RatingButtons } from '../MessageActions.tsx'
import { ReadAloudToggle } from '../ReadAloudButton.tsx'

/** How long "Copied" (or a failure) stays beside the buttons. */
const NOTE_MS = 2500

export interface ResultActionsProps {
  text: string
  /** A completion Dify knows (it has its message id): rate it. */
  rateable?: Rateable
  /** Read aloud, when the app has text to speech on. */
  speakable?: Speakable
  /** Completion apps: keep it in this browser. */
  canSave?: boolean
}

/** Copy, rate, save and read aloud one finished result. */
export function ResultActions({ text, rateable, speakable, canSave }: ResultActionsProps) {
  const { features, saved, readAloud, t } = useGenerator()
  const [note, setNote] = useState<MessageKey | GeneratorKey | null>(null)
  useEffect(() => {
    if (!note) return
    const timer = setTimeout(() => setNote(null), NOTE_MS)
    return () => clearTimeout(timer)
  }, [note])
  if (text.trim() === '') return null

  const rate = async (pressed: 'like' | 'dislike') => {
    if (rateable && !(await features.toggleFeedback(rateable, pressed))) {
      setNote('actions.feedbackFailed')
    }
  }
  const isSaved = canSave && saved ? saved.has(text) : false
  const speaker = readAloud.value
  return (
    <div data-part="result-actions" role="group" aria-label={t('gen.resultActions')}>
      <ActionButton
        part="action-copy"
        label={t('gen.copy')}
        onClick={async () =>
          setNote((await copyText(text)) ? 'actions.copied' : 'actions.copyFailed')
        }
      >
        <CopyIcon />
      </ActionButton>
      {rateable?.difyId.value && <RatingButtons rating={rateable.feedback.value} onRate={rate} />}
      {canSave && saved && (
        <ActionButton
          part="action-save"
          label={t('gen.save')}
          pressed={isSaved}
          onClick={() => {
            if (!isSaved) setNote(saved.save(text) ? 'gen.savedNote' : 'gen.saveFailed')
          }}
        >
          <path d="M6 4h12v16l-6-4-6 4z" />
        </ActionButton>
      )}
      {speaker && speakable && <ReadAloudToggle readAloud={speaker} item={speakable} />}
      <span data-part="action-status" role="status">
        {note && t(note)}
      </span>
    </div>
  )
}
