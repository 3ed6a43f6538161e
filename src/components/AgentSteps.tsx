import { readableToolText, toolLabel, toolNames, visibleThoughts } from '../chat/agent-thoughts.ts'
import type { ChatMessage } from '../chat/chat-message.ts'
import { useApp } from '../app/app-context.ts'

/**
 * An Agent answer's reasoning and tool calls, each a collapsed `<details>`. Tool input and
 * observation are untrusted text, shown preformatted, never as markup.
 */
export function AgentSteps({ message, streaming }: { message: ChatMessage; streaming: boolean }) {
  const { boot, t } = useApp()
  const thoughts = visibleThoughts(message.thoughts.value, message.text.value)
  if (thoughts.length === 0) return null
  return (
    <div data-part="steps" data-kind="agent">
      {thoughts.map((thought) => {
        const tools = toolNames(thought)
        const running = streaming && tools.length > 0 && thought.observation === ''
        const label = toolLabel(thought, boot.locale)
        return (
          <details
            key={thought.id}
            data-part="step"
            data-status={running ? 'running' : 'succeeded'}
          >
            <summary data-part="step-title">
              {tools.length === 0
                ? t('steps.thought')
                : t(running ? 'steps.using' : 'steps.used', { tool: label })}
            </summary>
            <div data-part="step-body">
              {thought.thought && <p data-part="step-thought">{thought.thought}</p>}
              {tools.length > 0 && thought.toolInput && (
                <>
                  <p data-part="step-label">{t('steps.input')}</p>
                  <pre data-part="step-data">{readableToolText(thought.toolInput, tools)}</pre>
                </>
              )}
              {thought.observation && (
                <>
                  <p data-part="step-label">{t('steps.output')}</p>
                  <pre data-part="step-data">{readableToolText(thought.observation, tools)}</pre>
                </>
              )}
            </div>
          </details>
        )
      })}
    </div>
  )
}
