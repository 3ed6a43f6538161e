import { signal, type Signal } from '@preact/signals'
import type { ChatError } from '../api/chat-error.ts'

/**
 * - pending: sent, nothing back yet · streaming: answer arriving · done: finished
 * - stopped: the user pressed Stop · error: the answer broke off (partial text kept)
 * - failed: a user message that never reached the assistant
 */
export type MessageStatus = 'pending' | 'streaming' | 'done' | 'stopped' | 'error' | 'failed'

/** The visitor's rating of an answer (docs/dify-wire.md#feedbacks); null when unrated. */
export type Rating = 'like' | 'dislike' | null

/** One Agent step (`agent_thought`), upserted by id as Dify re-emits it. */
export interface AgentThought {
  id: string
  position: number
  thought: string
  /** `;`-separated tool names, `''` when the step called none. */
  tool: string
  /** tool name → Dify locale (`en_US`, `ja_JP`…) → label. */
  toolLabels: Record<string, Record<string, string>>
  toolInput: string
  observation: string
}

export type StepStatus = 'running' | 'succeeded' | 'failed' | 'stopped'

/** One Chatflow node run (`node_started` / `node_finished`). */
export interface WorkflowStep {
  id: string
  title: string
  nodeType: string
  index: number
  status: StepStatus
  error: string | undefined
}

/** One knowledge citation (`message_end` → `metadata.retriever_resources`). */
export interface Citation {
  position: number
  datasetName: string
  documentName: string
  content: string
}

/** An image the bot or one of its tools produced (`message_file`). */
export interface MessageFile {
  id: string
  url: string
}

/** A file the visitor sent with a question, as its history lists it (`belongs_to: user`). */
export interface UserFile {
  id: string
  name: string
  /** Dify's file type: `image`, `document`, … */
  type: string
  /** Only for images with a safe URL: shown as a thumbnail. */
  imageUrl: string | undefined
}

/** One bubble. Text and status are signals so a streaming answer re-renders only itself. */
export interface ChatMessage {
  key: string
  role: 'user' | 'bot'
  text: Signal<string>
  status: Signal<MessageStatus>
  error: Signal<ChatError | null>
  /** Dify's message id, once the stream (or history) has told it. */
  difyId: Signal<string | undefined>
  /** Epoch milliseconds. */
  createdAt: number
  /** Answers: the question that produced it, asked again by Regenerate. */
  query: string | undefined
  feedback: Signal<Rating>
  thoughts: Signal<AgentThought[]>
  steps: Signal<WorkflowStep[]>
  /** The Chatflow run as a whole; undefined for Chatbot and Agent apps. */
  workflow: Signal<StepStatus | undefined>
  citations: Signal<Citation[]>
  files: Signal<MessageFile[]>
  /** Questions from history: the files sent with them (live ones are the composer's). */
  userFiles: Signal<UserFile[]>
  /** Follow-up questions Dify suggested after this answer. */
  suggestions: Signal<string[]>
}

export interface MessageExtras {
  query?: string
}

let nextKey = 0

export function createMessage(
  role: ChatMessage['role'],
  text: string,
  status: MessageStatus,
  createdAt: number,
  extras: MessageExtras = {},
): ChatMessage {
  return {
    key: `m${++nextKey}`,
    role,
    text: signal(text),
    status: signal(status),
    error: signal(null),
    difyId: signal(undefined),
    createdAt,
    query: extras.query,
    feedback: signal(null),
    thoughts: signal([]),
    steps: signal([]),
    workflow: signal(undefined),
    citations: signal([]),
    files: signal([]),
    userFiles: signal([]),
    suggestions: signal([]),
  }
}
