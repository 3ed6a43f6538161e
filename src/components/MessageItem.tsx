import type { MessageKey } from '../i18n/translate.ts'
import type { ChatMessage, MessageStatus } from '../state/chat-message.ts'
import { useApp } from './app-context.ts'
import { Avatar } from './Avatar.tsx'
import { MarkdownContent } from './MarkdownContent.tsx'

const NOTICE: Partial<Record<MessageStatus, MessageKey>> = {
  stopped: 'message.stopped',
  failed: 'message.failed',
  error: 'message.interrupted',
}

export function MessageItem({ message }: { message: ChatMessage }) {
  const { boot, t, bot } = useApp()
  const status = message.status.value
  const text = message.text.value
  const notice = NOTICE[status]
  const isBot = message.role === 'bot'
  const waiting = isBot && text === '' && (status === 'pending' || status === 'streaming')
  return (
    <article
      data-part="message"
      data-role={message.role}
      data-state={status}
      data-streaming={String(status === 'streaming' || status === 'pending')}
      aria-label={isBot ? boot.botName : t('message.you')}
    >
      {isBot && boot.layout.avatars && <Avatar name={boot.botName} />}
      <div data-part="stack">
        {isBot && boot.layout.avatars && <p data-part="sender">{boot.botName}</p>}
        <div data-part="row">
          <div data-part="bubble" data-role={message.role}>
            {waiting ? (
              <span data-part="typing" role="img" aria-label={t('message.thinking', bot)}>
                <i />
                <i />
                <i />
              </span>
            ) : isBot ? (
              <MarkdownContent
                text={text}
                streaming={status === 'streaming' || status === 'pending'}
                labels={{ copy: t('message.copyCode'), copied: t('message.codeCopied') }}
              />
            ) : (
              <div data-part="content">{text}</div>
            )}
          </div>
          {(boot.layout.timestamps || notice) && (
            <div data-part="meta">
              {notice && <span data-part="notice">{t(notice)}</span>}
              {boot.layout.timestamps && (
                <time data-part="timestamp" dateTime={new Date(message.createdAt).toISOString()}>
                  {formatTime(message.createdAt, boot.locale)}
                </time>
              )}
            </div>
          )}
        </div>
      </div>
    </article>
  )
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatTime(epochMs: number, locale: string): string {
  let formatter = formatters.get(locale)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' })
    formatters.set(locale, formatter)
  }
  return formatter.format(epochMs)
}
