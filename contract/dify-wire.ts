import type { AppKind } from './app-kind.ts'

/**
 * The Dify chat stream as chatskins relays it to the browser (docs/dify-wire.md#stream-events).
 * Types only: shared by the server relay, the demo bot and the client.
 */

interface EventBase {
  conversation_id?: string
  message_id?: string
  created_at?: number
  task_id?: string
}

export interface MessageEvent extends EventBase {
  event: 'message' | 'agent_message'
  id: string
  answer: string
}

export interface MessageReplaceEvent extends EventBase {
  event: 'message_replace'
  answer: string
}

export interface RetrieverResource {
  position?: number
  dataset_name?: string
  document_name?: string
  segment_id?: string
  score?: number
  content?: string
}

export interface MessageEndEvent extends EventBase {
  event: 'message_end'
  id: string
  metadata?: { retriever_resources?: RetrieverResource[] }
  files?: unknown[] | null
}

export interface AgentThoughtEvent extends EventBase {
  event: 'agent_thought'
  id: string
  position: number
  thought: string
  observation: string
  tool: string
  tool_input: string
  tool_labels?: Record<string, Record<string, string>>
  message_files?: string[]
}

export interface MessageFileEvent extends EventBase {
  event: 'message_file'
  id: string
  type: string
  belongs_to?: string
  url: string
}

export interface TtsEvent extends EventBase {
  event: 'tts_message' | 'tts_message_end'
  audio: string
}

/** Node and workflow progress, trimmed by the relay to what a step list shows. */
export interface WorkflowStepEvent extends EventBase {
  event: 'workflow_started' | 'workflow_finished' | 'node_started' | 'node_finished'
  workflow_run_id?: string
  data: {
    id: string
    node_id?: string
    node_type?: string
    title?: string
    index?: number
    status?: string
    error?: string | null
    elapsed_time?: number
  }
}

export interface ErrorEvent extends EventBase {
  event: 'error'
  code: string
  status: number
  message: string
}

export type DifyStreamEvent =
  | MessageEvent
  | MessageReplaceEvent
  | MessageEndEvent
  | AgentThoughtEvent
  | MessageFileEvent
  | TtsEvent
  | WorkflowStepEvent
  | ErrorEvent

/** Dify's error envelope (docs/dify-wire.md#error-envelope); chatskins answers its own errors in the same shape. */
export interface ErrorEnvelope {
  code: string
  message: string
  status: number
}

/** What the page carries in `<script type="application/json" id="chatskins-boot">`. */
export interface BootData {
  endpointId: string
  botName: string
  locale: string
  theme: string
  layout: ThemeLayout
  /** Which page to build: the chat, or the text generator of a completion or workflow app. */
  app: AppKind
  /** A text generator's page: rows of a batch run at once (the endpoint's `batchConcurrency`). */
  batchConcurrency?: number
  /**
   * Set when the page runs in an embed panel on `host`, an origin the endpoint lists; `locale`
   * when the host page pinned one (`data-locale`).
   */
  embed?: { host: string; locale?: string }
  /** The gallery's live preview: a built-in sample conversation instead of the network. */
  preview?: true
}

/** Layout options a theme manifest picks; the client offers all of them to every theme. */
export interface ThemeLayout {
  avatars: boolean
  timestamps: boolean
  bubbleTails: boolean
  /** Whether the header shows the bot avatar beside its name. */
  headerAvatar: boolean
}
