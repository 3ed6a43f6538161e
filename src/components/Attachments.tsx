import type { Translate } from '../i18n/translate.ts'
import type {
  Attachment,
  AttachmentProblem,
  Attachments as AttachmentsState,
} from '../media/attachments.ts'
import type { ChatMessage } from '../chat/chat-message.ts'
import { useT } from '../i18n/translate-context.ts'
import type { MediaState } from '../media/media.ts'

/** The files waiting in the composer (upload progress, removal) and what went wrong adding one. */
export function Attachments({ media }: { media: MediaState }) {
  const t = useT()
  const { attachments } = media
  const items = attachments.items.value
  const problem = attachments.problem.value
  if (items.length === 0 && !problem) return null
  return (
    <div data-part="attachments-area">
      {items.length > 0 && (
        <AttachmentList attachments={attachments} label={t('attachments.label')} />
      )}
      <p data-part="attachments-error" role="alert">
        {problem && problemText(problem, t)}
      </p>
    </div>
  )
}

/** Files being uploaded or ready: progress, failure, and a remove button unless `locked`. */
export function AttachmentList({
  attachments,
  label,
  locked = false,
}: {
  attachments: Pick<AttachmentsState, 'items' | 'remove'>
  label: string
  locked?: boolean
}) {
  const t = useT()
  return (
    <ul data-part="attachments" aria-label={label}>
      {attachments.items.value.map((item) => (
        <li
          key={item.key}
          data-part="attachment"
          data-kind={item.kind}
          data-status={item.status.value}
        >
          <AttachmentBody item={item} />
          {item.status.value === 'uploading' && (
            <progress
              data-part="attachment-progress"
              max={1}
              value={item.progress.value}
              aria-label={t('attachments.uploading', { name: item.name })}
            />
          )}
          {item.status.value === 'failed' && (
            <span data-part="attachment-failed">{t('attachments.failed')}</span>
          )}
          {!locked && (
            <button
              type="button"
              data-part="attachment-remove"
              title={t('attachments.remove', { name: item.name })}
              onClick={() => attachments.remove(item.key)}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M6 6l12 12M18 6L6 18" />
              </svg>
              <span class="sr-only">{t('attachments.remove', { name: item.name })}</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  )
}

/** The files a user message went with, inside its bubble. */
export function SentFiles({ message, media }: { message: ChatMessage; media: MediaState }) {
  const t = useT()
  const sent = message.role === 'user' ? media.attachments.sentWith(message) : []
  // A question from history has no composer attachments, but Dify lists what went with it.
  const files: FileShown[] =
    sent.length > 0
      ? sent
      : message.userFiles.value.map((file) => ({
          key: file.id,
          name: file.name,
          kind: file.type,
          previewUrl: file.imageUrl,
        }))
  if (files.length === 0) return null
  return (
    <ul data-part="attachments" data-sent="true" aria-label={t('attachments.sent')}>
      {files.map((item) => (
        <li key={item.key} data-part="attachment" data-kind={item.kind} data-status="done">
          <AttachmentBody item={item} />
        </li>
      ))}
    </ul>
  )
}

type FileShown = Pick<Attachment, 'key' | 'name' | 'previewUrl'> & { kind: string }

function AttachmentBody({ item }: { item: FileShown }) {
  return (
    <>
      {item.previewUrl ? (
        <img data-part="attachment-thumb" src={item.previewUrl} alt="" decoding="async" />
      ) : (
        <svg data-part="attachment-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5" />
        </svg>
      )}
      <span data-part="attachment-name">{item.name}</span>
    </>
  )
}

export function problemText(problem: AttachmentProblem, t: Translate): string {
  switch (problem.problem) {
    case 'type':
      return t('attachments.wrongType', { name: problem.name })
    case 'size':
      return t('attachments.tooBig', { name: problem.name, max: String(problem.maxMb) })
    case 'count':
      return t('attachments.tooMany', { max: String(problem.max) })
    case 'upload':
      return t('attachments.uploadFailed', { name: problem.name })
    case 'slowDown':
      return t('attachments.slowDown', { name: problem.name })
  }
}
