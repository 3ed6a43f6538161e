import type { FakeRetrieverResource } from './fake-store.ts'

/** What the hostile fake apps put in every field a client shows (see FakeApp.hostile). */
export interface HostileContent {
  answer: string
  conversationName: string
  suggestedAfterAnswer: string[]
  nodeTitles: { start: string; llm: string; answer: string }
  tool: { name: string; label: string; thought: string; input: string; observation: string }
  fileName: string
  citations: () => FakeRetrieverResource[]
}
