import type { ChatMessage } from '../chat/chat-message.ts'
import { useApp } from '../app/app-context.ts'

/** The knowledge an answer drew on; each snippet opens on demand. All of it is untrusted text. */
export function Citations({ message }: { message: ChatMessage }) {
  const { t } = useApp()
  const citations = message.citations.value
  if (citations.length === 0) return null
  return (
    <div data-part="citations">
      <p data-part="citations-title">{t('citations.title')}</p>
      <ol data-part="citation-list">
        {citations.map((citation, index) => {
          const name = citation.documentName || citation.datasetName || t('citations.untitled')
          return (
            <li key={index}>
              {citation.content ? (
                <details data-part="citation">
                  <summary data-part="citation-name">{name}</summary>
                  <p data-part="citation-snippet">{citation.content}</p>
                </details>
              ) : (
                <span data-part="citation">{name}</span>
              )}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
