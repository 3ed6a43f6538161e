import type { MessageKey } from '../i18n/translate.ts'
import type { ChatMessage, MessageStatus } from '../chat/chat-message.ts'
import { useApp } from '../app/app-context.ts'
import { Avatar } from './Avatar.tsx'
import { useFeatures } from '../app/features-context.ts'
import { InputsPanel } from './InputsPanel.tsx'
import { lazyModule } from '../app/lazy-module.ts'
import { MarkdownContent } from './MarkdownContent.tsx'
import { useMedia } from '../media/media-context.ts'
import { SuggestedQuestions } from './SuggestedQuestions.tsx'

const useAnswerDetails = lazyModule(() => import('../chat/answer-details.ts'))
/** Fetched with the first answer, so the buttons are there when it finishes. */
const useMessageActions = lazyModule(() => import('./MessageActions.tsx'))

const NOTICE: Partial<Record<MessageStatus, MessageKey>> = {
  stopped: 'message.stopped',
  failed: 'message.failed',
  error: 'message.interrupted',
}

export function MessageItem({ message }: { message: ChatMessage }) {
  const { boot, store, t, bot } = useApp()
  const features = useFeatures()
  const media = useMedia()
  const status = message.status.value
  const text = message.text.value
  const notice = NOTICE[status]
  const isBot = message.role === 'bot'
  const streaming = status === 'streaming' || status === 'pending'
  const waiting = isBot && text === '' && streaming
  const list = store.messages.value
  // The conversation's inputs stay on top of it, as a summary once they are locked.
  const first = features && list[0] === message
  const details = useAnswerDetails(
    isBot &&
      (message.thoughts.value.length > 0 ||
        message.workflow.value !== undefined ||
        message.steps.value.length > 0 ||
        message.citations.value.length > 0 ||
        message.files.value.length > 0),
  )
  const actions = useMessageActions(isBot)
  const followUps =
    isBot && list.at(-1) === message && !store.busy.value ? message.suggestions.value : []
  return (
    <>
      {first && <InputsPanel />}
      <article
        data-part="message"
        class="flex min-w-0 items-start gap-(--cs-space-2) data-[role=user]:flex-row-reverse"
        data-role={message.role}
        data-state={status}
        data-streaming={String(streaming)}
        aria-label={isBot ? boot.botName : t('message.you')}
      >
        {isBot && boot.layout.avatars && <Avatar name={boot.botName} />}
        <div
          data-part="stack"
          class={`flex max-w-(--cs-bubble-max) min-w-0 flex-col gap-(--cs-space-1) ${isBot ? '' : 'items-end'}`}
        >
          {isBot && boot.layout.avatars && <p data-part="sender">{boot.botName}</p>}
          {details && <details.AgentSteps message={message} streaming={streaming} />}
          {details && <details.WorkflowSteps message={message} streaming={streaming} />}
          <div
            data-part="row"
            class={`flex min-w-0 items-end gap-(--cs-space-2) ${isBot ? '' : 'flex-row-reverse'}`}
          >
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
                  streaming={streaming}
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
          {media && <media.parts.SentFiles message={message} media={media} />}
          {details && <details.MessageFiles message={message} />}
          {details && <details.Citations message={message} />}
          {actions && <actions.MessageActions message={message} />}
          {followUps.length > 0 && (
            <SuggestedQuestions questions={followUps} label={t('suggestions.followUps')} />
          )}
        </div>
      </article>
    </>
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
