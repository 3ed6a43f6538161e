import { useState } from 'preact/hooks'
import { copyText } from '../../chat/clipboard.ts'
import { useGenerator } from '../../generator/generator-context.ts'
import { CopyIcon } from '../ActionIcons.tsx'
import { MarkdownContent } from '../MarkdownContent.tsx'
import { ActionButton } from '../MessageActions.tsx'

/** The results the visitor saved on this endpoint, in this browser: copy or remove each. */
export function SavedPanel() {
  const { saved, boot, t } = useGenerator()
  const [copied, setCopied] = useState<string | null>(null)
  const items = saved?.items.value ?? []
  if (items.length === 0) return <p data-part="generator-empty">{t('gen.savedEmpty')}</p>
  const date = new Intl.DateTimeFormat(boot.locale, { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <ol data-part="saved-list">
      {items.map((item) => (
        <li key={item.id} data-part="saved-item">
          <time data-part="saved-time" dateTime={new Date(item.savedAt).toISOString()}>
            {date.format(item.savedAt)}
          </time>
          <MarkdownContent
            text={item.text}
            streaming={false}
            labels={{ copy: t('message.copyCode'), copied: t('message.codeCopied') }}
          />
          <div data-part="result-actions" role="group" aria-label={t('gen.resultActions')}>
            <ActionButton
              part="action-copy"
              label={t('gen.copy')}
              onClick={async () => setCopied((await copyText(item.text)) ? item.id : null)}
            >
              <CopyIcon />
            </ActionButton>
            <ActionButton
              part="saved-remove"
              label={t('gen.remove')}
              onClick={() => saved?.remove(item.id)}
            >
              <path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13" />
            </ActionButton>
            <span data-part="action-status" role="status">
              {copied === item.id && t('actions.copied')}
            </span>
          </div>
        </li>
      ))}
    </ol>
  )
}
