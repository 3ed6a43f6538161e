import type { FakeAgentThought, FakeMessage } from './fake-store.ts'
import type { SseWriter } from './sse-writer.ts'

/**
 * An Agent's steps as Dify streams them (docs/dify-wire.md#agent-thought): each step is one `agent_thought`
 * id re-emitted with its fields growing (created, tool called, observation saved), and the same
 * row is what `/messages` lists under `agent_thoughts` (docs/dify-wire.md#messages).
 */
export function createAgentThoughts(
  writer: SseWriter,
  envelope: Record<string, unknown>,
  message: FakeMessage,
) {
  return {
    /** Creates step `position` on first use, then merges `fields` into it; emits it either way. */
    update(position: number, fields: Partial<FakeAgentThought> = {}): FakeAgentThought {
      let thought = message.agent_thoughts.find((item) => item.position === position)
      if (!thought) {
        thought = {
          id: crypto.randomUUID(),
          chain_id: null,
          message_id: message.id,
          position,
          thought: '',
          tool: '',
          tool_labels: {},
          tool_input: '',
          created_at: message.created_at,
          observation: '',
          files: [],
        }
        message.agent_thoughts.push(thought)
      }
      Object.assign(thought, fields)
      writer.data({
        event: 'agent_thought',
        ...envelope,
        id: thought.id,
        position: thought.position,
        thought: thought.thought,
        observation: thought.observation,
        tool: thought.tool,
        tool_labels: thought.tool_labels,
        tool_input: thought.tool_input,
        message_files: thought.files,
      })
      return thought
    },
  }
}
