import type { ChatMessage } from '../chat/chat-message.ts'
import { useApp } from '../app/app-context.ts'

/** Images the bot or its tools produced (URLs already checked: http(s) or data:image only). */
export function MessageFiles({ message }: { message: ChatMessage }) {
  const { t, bot } = useApp()
  const files = message.files.value
  if (files.length === 0) return null
  return (
    <div data-part="message-files">
      {files.map((file) => (
        <img
          key={file.id}
          data-part="message-file"
          src={file.url}
          alt={t('files.image', bot)}
          loading="lazy"
          decoding="async"
          referrerpolicy="no-referrer"
        />
      ))}
    </div>
  )
}
