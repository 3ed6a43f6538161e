/** The fake's memory: conversations, messages and uploads, scoped by Dify `user` (docs/dify-wire.md#user-scoping). */
import { createBoundedMap } from './bounded-map.ts'

export const NIL_UUID = '00000000-0000-0000-0000-000000000000'

/** A file on a message, as `/messages` lists it (docs/dify-wire.md#messages). */
export interface FakeMessageFile {
  id: string
  filename: string
  type: string
  url: string
  mime_type: string
  size: number
  transfer_method: 'local_file' | 'remote_url' | 'tool_file'
  belongs_to: 'user' | 'assistant'
  upload_file_id: string | null
}

/** An agent step, as `/messages` lists it (docs/dify-wire.md#messages); `files` holds file ids. */
export interface FakeAgentThought {
  id: string
  chain_id: null
  message_id: string
  position: number
  thought: string
  tool: string
  tool_labels: Record<string, Record<string, string>>
  tool_input: string
  created_at: number
  observation: string
  files: string[]
}

/** One citation, as `metadata.retriever_resources` carries it (docs/dify-wire.md#chat-messages). */
export type FakeRetrieverResource = Record<string, string | number>

export interface FakeMessage {
  id: string
  conversation_id: string
  parent_message_id: string
  inputs: Record<string, unknown>
  query: string
  answer: string
  message_files: FakeMessageFile[]
  feedback: { rating: 'like' | 'dislike' } | null
  retriever_resources: FakeRetrieverResource[]
  agent_thoughts: FakeAgentThought[]
  status: 'normal' | 'error'
  error: string | null
  created_at: number
}

/** A new message of `conversation`, not yet answered. */
export function newMessage(
  conversation: FakeConversation,
  inputs: Record<string, unknown>,
  query: string,
  createdAt: number,
): FakeMessage {
  return {
    id: crypto.randomUUID(),
    conversation_id: conversation.id,
    parent_message_id: NIL_UUID,
    inputs,
    query,
    answer: '',
    message_files: [],
    feedback: null,
    retriever_resources: [],
    agent_thoughts: [],
    status: 'normal',
    error: null,
    created_at: createdAt,
  }
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

/** An uploaded file: Dify's classic file object (docs/dify-wire.md#files) plus what the fake keeps. */
export interface FakeUpload {
  id: string
  name: string
  size: number
  extension: string
  mime_type: string
  created_by: string
  created_at: number
  /** The uploading `user`: only they may reference the file. */
  user: string
  /** Where `/messages` lists the file (see fake-files.ts). */
  url: string
}

export type SortBy = 'created_at' | '-created_at' | 'updated_at' | '-updated_at'

/**
 * How much the fake keeps, oldest out: the demo bot runs wherever `npm start` is exposed without a
 * key, so what visitors send can't pile up. Sizes count characters (an inline upload is a `data:`
 * URL); a conversation is measured each time a message is added.
 */
export const FAKE_STORE_BOUNDS = {
  conversations: { maxEntries: 2000, maxBytes: 16 * 1024 * 1024 },
  uploads: { maxEntries: 500, maxBytes: 16 * 1024 * 1024 },
  endUsers: 20_000,
}

export function createFakeStore(bounds = FAKE_STORE_BOUNDS) {
  const conversations = createBoundedMap<string, FakeConversation>({
    ...bounds.conversations,
    sizeOf: conversationSize,
  })
  const uploads = createBoundedMap<string, FakeUpload>({
    ...bounds.uploads,
    sizeOf: (upload) => upload.url.length + upload.name.length,
  })
  const endUsers = createBoundedMap<string, string>({
    maxEntries: bounds.endUsers,
    maxBytes: Infinity,
    sizeOf: () => 0,
  })
  let clock = 0
  /** Seconds like Dify, but strictly increasing so sort orders are stable within a second. */
  const now = () => (clock = Math.max(clock + 1, Math.floor(Date.now() / 1000)))
  const findMessageOfAnyone = (id: string): FakeMessage | undefined => {
    for (const conversation of conversations.values()) {
      const message = conversation.messages.find((item) => item.id === id)
      if (message) return message
    }
    return undefined
  }

  return {
    now,
    /** Dify's end-user row id for a `user` string (get-or-create, docs/dify-wire.md#user-scoping). */
    endUserId(user: string): string {
      let id = endUsers.get(user)
      if (!id) endUsers.set(user, (id = crypto.randomUUID()))
      return id
    },
    findConversation(id: string, user: string): FakeConversation | undefined {
      const conversation = conversations.get(id)
      return conversation?.user === user ? conversation : undefined
    },
    /** By id alone, whoever owns it: only for emulating Dify's unscoped lookups. */
    findConversationOfAnyone(id: string): FakeConversation | undefined {
      return conversations.get(id)
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
    /** Adds a message to the conversation and weighs the conversation again. */
    addMessage(conversation: FakeConversation, message: FakeMessage) {
      conversation.messages.push(message)
      conversations.resize(conversation.id)
    },
    deleteConversation(id: string) {
      conversations.delete(id)
    },
    findMessage(id: string, user: string): FakeMessage | undefined {
      const message = findMessageOfAnyone(id)
      return message && conversations.get(message.conversation_id)?.user === user
        ? message
        : undefined
    },
    /** By id alone, whoever owns it: Dify's `/text-to-audio` looks messages up this way. */
    findMessageOfAnyone,
    listConversations(user: string, sortBy: SortBy): FakeConversation[] {
      const field = sortBy.replace('-', '') as 'created_at' | 'updated_at'
      const direction = sortBy.startsWith('-') ? -1 : 1
      return conversations
        .values()
        .filter((conversation) => conversation.user === user)
        .sort((a, b) => direction * (a[field] - b[field]))
    },
    saveUpload(upload: FakeUpload): void {
      uploads.set(upload.id, upload)
    },
    /** An upload of this `user`; someone else's is as good as missing (docs/dify-wire.md#user-scoping). */
    findUpload(id: string, user: string): FakeUpload | undefined {
      const upload = uploads.get(id)
      return upload?.user === user ? upload : undefined
    },
  }
}

export type FakeStore = ReturnType<typeof createFakeStore>

function conversationSize(conversation: FakeConversation): number {
  let size = JSON.stringify(conversation.inputs).length + conversation.name.length
  for (const message of conversation.messages) {
    size += message.query.length + message.answer.length
    for (const file of message.message_files) size += file.url.length
  }
  return size
}
