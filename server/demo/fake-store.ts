/** The fake's memory: conversations and messages, scoped by Dify `user` (dify-api.md §9). */

export const NIL_UUID = '00000000-0000-0000-0000-000000000000'

export interface FakeMessage {
  id: string
  conversation_id: string
  parent_message_id: string
  inputs: Record<string, unknown>
  query: string
  answer: string
  message_files: unknown[]
  feedback: { rating: 'like' | 'dislike' } | null
  retriever_resources: unknown[]
  agent_thoughts: unknown[]
  status: 'normal' | 'error'
  error: string | null
  created_at: number
}

export interface FakeConversation {
  id: string
  user: string
  name: string
  inputs: Record<string, unknown>
  status: 'normal'
  introduction: string
  created_at: number
  updated_at: number
  messages: FakeMessage[]
}

export type SortBy = 'created_at' | '-created_at' | 'updated_at' | '-updated_at'

export function createFakeStore() {
  const conversations = new Map<string, FakeConversation>()
  let clock = 0
  /** Seconds like Dify, but strictly increasing so sort orders are stable within a second. */
  const now = () => (clock = Math.max(clock + 1, Math.floor(Date.now() / 1000)))

  return {
    now,
    findConversation(id: string, user: string): FakeConversation | undefined {
      const conversation = conversations.get(id)
      return conversation?.user === user ? conversation : undefined
    },
    createConversation(user: string, inputs: Record<string, unknown>, introduction: string) {
      const created = now()
      const conversation: FakeConversation = {
        id: crypto.randomUUID(),
        user,
        name: 'New conversation',
        inputs,
        status: 'normal',
        introduction,
        created_at: created,
        updated_at: created,
        messages: [],
      }
      conversations.set(conversation.id, conversation)
      return conversation
    },
    deleteConversation(id: string) {
      conversations.delete(id)
    },
    findMessage(id: string, user: string): FakeMessage | undefined {
      for (const conversation of conversations.values()) {
        if (conversation.user !== user) continue
        const message = conversation.messages.find((item) => item.id === id)
        if (message) return message
      }
      return undefined
    },
    listConversations(user: string, sortBy: SortBy): FakeConversation[] {
      const field = sortBy.replace('-', '') as 'created_at' | 'updated_at'
      const direction = sortBy.startsWith('-') ? -1 : 1
      return [...conversations.values()]
        .filter((conversation) => conversation.user === user)
        .sort((a, b) => direction * (a[field] - b[field]))
    },
  }
}

export type FakeStore = ReturnType<typeof createFakeStore>
