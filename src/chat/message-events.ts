import { isRecord } from '../../contract/guards.ts'
import type {
  AgentThoughtEvent,
  DifyStreamEvent,
  RetrieverResource,
  WorkflowStepEvent,
} from '../../contract/dify-wire.ts'
import type {
  AgentThought,
  ChatMessage,
  Citation,
  MessageFile,
  StepStatus,
  UserFile,
  WorkflowStep,
} from './chat-message.ts'

/**
 * Applies the stream events that add to an answer beyond its text (the chat store handles the
 * text itself, batched per frame, and errors): Agent thoughts, Chatflow steps, citations, files.
 * `workflow_finished` and `message_end` are independent here, so either order works (docs/dify-wire.md#ordering).
 */
export function applyMessageEvent(message: ChatMessage, event: DifyStreamEvent): void {
  switch (event.event) {
    case 'message':
    case 'agent_message':
      message.difyId.value ??= event.id
      break
    case 'message_end':
      message.difyId.value ??= event.id
      if (event.metadata?.retriever_resources) {
        message.citations.value = toCitations(event.metadata.retriever_resources)
      }
      break
    case 'agent_thought':
      message.thoughts.value = upsertThought(message.thoughts.value, event)
      break
    case 'message_file': {
      const file = toMessageFile(event)
      if (file && !message.files.value.some(({ id }) => id === file.id)) {
        message.files.value = [...message.files.value, file]
      }
      break
    }
    case 'workflow_started':
      message.workflow.value = 'running'
      break
    case 'node_started':
    case 'node_finished':
      message.steps.value = upsertStep(message.steps.value, event)
      break
    case 'workflow_finished': {
      const status = toStepStatus(event.data.status)
      message.workflow.value = status
      // A node cut short by a stop or a failure never reports its own end.
      if (message.steps.value.some((step) => step.status === 'running')) {
        message.steps.value = message.steps.value.map((step) =>
          step.status === 'running'
            ? { ...step, status: status === 'succeeded' ? 'succeeded' : 'stopped' }
            : step,
        )
      }
      break
    }
  }
}

/** The fields of a `GET /messages` item (docs/dify-wire.md#messages) that an answer shows beside its text. */
export interface HistoryExtras {
  feedback?: { rating?: unknown } | null
  agent_thoughts?: readonly unknown[] | null
  message_files?: readonly unknown[] | null
  retriever_resources?: readonly unknown[] | null
}

/**
 * Gives an answer loaded from history what its live stream gave it: the visitor's rating, Agent
 * steps, the bot's images (not the visitor's uploads) and citations.
 */
export function applyHistoryExtras(message: ChatMessage, item: HistoryExtras): void {
  const rating = item.feedback?.rating
  message.feedback.value = rating === 'like' || rating === 'dislike' ? rating : null
  let thoughts: AgentThought[] = []
  for (const thought of item.agent_thoughts ?? []) {
    if (isRecord(thought) && typeof thought.id === 'string') {
      thoughts = upsertThought(thoughts, thought as unknown as AgentThoughtEvent)
    }
  }
  message.thoughts.value = thoughts
  message.files.value = (item.message_files ?? []).flatMap((file) => {
    const safe = isRecord(file) && file.belongs_to === 'assistant' ? toMessageFile(file) : null
    return safe ? [safe] : []
  })
  message.citations.value = toCitations(item.retriever_resources ?? [])
}

/** The visitor's own files of a `/messages` item: images with a thumbnail, others by name. */
export function userFilesOf(files: readonly unknown[]): UserFile[] {
  return files.flatMap((file) => {
    if (!isRecord(file) || file.belongs_to !== 'user') return []
    const type = text(file.type) || 'document'
    const url = text(file.url)
    return [
      {
        id: text(file.id) || url,
        name: text(file.filename) || text(file.name),
        type,
        imageUrl: type === 'image' && isSafeImageUrl(url) ? url : undefined,
      },
    ]
  })
}

/** Dify re-emits a thought by id as it progresses; keep one per id, in position order. */
export function upsertThought(thoughts: AgentThought[], event: AgentThoughtEvent): AgentThought[] {
  const previous = thoughts.find((thought) => thought.id === event.id)
  const labels = event.tool_labels ?? {}
  const next: AgentThought = {
    id: event.id,
    position: Number.isFinite(event.position) ? event.position : thoughts.length + 1,
    thought: text(event.thought),
    tool: text(event.tool),
    // Some updates re-send a step without its labels; keep the ones already seen.
    toolLabels: Object.keys(labels).length > 0 ? labels : (previous?.toolLabels ?? {}),
    toolInput: text(event.tool_input),
    observation: text(event.observation),
  }
  const rest = thoughts.filter((thought) => thought.id !== event.id)
  return [...rest, next].sort((a, b) => a.position - b.position)
}

export function upsertStep(steps: WorkflowStep[], event: WorkflowStepEvent): WorkflowStep[] {
  const { data } = event
  const previous = steps.find((step) => step.id === data.id)
  const next: WorkflowStep = {
    id: data.id,
    title: text(data.title) || previous?.title || text(data.node_type),
    nodeType: text(data.node_type) || previous?.nodeType || '',
    index: data.index ?? previous?.index ?? steps.length + 1,
    status: event.event === 'node_started' ? 'running' : toStepStatus(data.status),
    error: text(data.error ?? undefined) || undefined,
  }
  // A late node_started after its node_finished must not bring the step back to running.
  if (previous && previous.status !== 'running' && next.status === 'running') return steps
  const rest = steps.filter((step) => step.id !== data.id)
  return [...rest, next].sort((a, b) => a.index - b.index)
}

export function toStepStatus(status: string | undefined): StepStatus {
  switch (status) {
    case 'succeeded':
    case 'partial-succeeded':
      return 'succeeded'
    case 'failed':
    case 'exception':
      return 'failed'
    case 'stopped':
    case 'paused':
      return 'stopped'
    default:
      return 'running'
  }
}

export function toCitations(resources: readonly unknown[]): Citation[] {
  return resources
    .filter((item): item is RetrieverResource => typeof item === 'object' && item !== null)
    .map((item, index) => ({
      position: typeof item.position === 'number' ? item.position : index + 1,
      datasetName: text(item.dataset_name),
      documentName: text(item.document_name),
      content: text(item.content),
    }))
    .sort((a, b) => a.position - b.position)
}

/**
 * Only images, and only from http(s) or an inline `data:image/` URL: a relative URL would point
 * at this server, and any other scheme (javascript:, file:, blob:) has no business in an `<img>`.
 */
export function toMessageFile(event: { id?: unknown; type?: unknown; url?: unknown }) {
  if (event.type !== 'image' || typeof event.url !== 'string') return null
  if (!isSafeImageUrl(event.url)) return null
  return { id: typeof event.id === 'string' ? event.id : event.url, url: event.url } as MessageFile
}

export function isSafeImageUrl(url: string): boolean {
  if (/^data:image\/(png|jpe?g|gif|webp|avif|svg\+xml)[;,]/i.test(url)) return true
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
