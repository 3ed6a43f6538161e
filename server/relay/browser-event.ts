import { isRecord, type JsonObject } from '../../contract/guards.ts'
/**
 * Decides what of one Dify stream event reaches the browser (docs/dify-wire.md#stream-events, #user-scoping): only the event
 * types a chat UI renders, and for workflow progress only the fields a step list shows, never the
 * node inputs/outputs (which carry `sys.*` values and can be megabytes).
 */

const ENVELOPE_FIELDS = ['event', 'conversation_id', 'message_id', 'created_at', 'task_id'] as const

const PASS_THROUGH_FIELDS: Record<string, readonly string[]> = {
  message: ['id', 'answer'],
  agent_message: ['id', 'answer'],
  message_replace: ['answer'],
  message_end: ['id', 'files'],
  agent_thought: [
    'id',
    'position',
    'thought',
    'observation',
    'tool',
    'tool_input',
    'tool_labels',
    'message_files',
  ],
  message_file: ['id', 'type', 'belongs_to', 'url'],
  tts_message: ['audio'],
  tts_message_end: ['audio'],
  error: ['code', 'status', 'message'],
  workflow_started: ['workflow_run_id'],
  workflow_finished: ['workflow_run_id'],
  node_started: ['workflow_run_id'],
  node_finished: ['workflow_run_id'],
}

const STEP_FIELDS = [
  'id',
  'node_id',
  'node_type',
  'title',
  'index',
  'status',
  'error',
  'elapsed_time',
]
const CITATION_FIELDS = [
  'position',
  'dataset_name',
  'document_name',
  'segment_id',
  'score',
  'content',
]

/** The browser's copy of one event, or null when the event type is not relayed. */
export function toBrowserEvent(event: JsonObject): JsonObject | null {
  const type = event.event
  // Dify's contract (docs/dify-wire.md#stream-errors): any object with status >= 400 is an error, whatever its `event` says.
  if (type !== 'error' && typeof event.status === 'number' && event.status >= 400) {
    return {
      ...pick(event, ENVELOPE_FIELDS),
      event: 'error',
      code: event.code,
      status: event.status,
      message: event.message,
    }
  }
  if (typeof type !== 'string') return null
  if (!Object.hasOwn(PASS_THROUGH_FIELDS, type)) return null
  const fields = PASS_THROUGH_FIELDS[type]!
  const browserEvent = pick(event, [...ENVELOPE_FIELDS, ...fields])
  if (isRecord(event.data)) browserEvent.data = pick(event.data, STEP_FIELDS)
  if (type === 'message_end' && isRecord(event.metadata)) {
    const citations = event.metadata.retriever_resources
    browserEvent.metadata = Array.isArray(citations)
      ? {
          retriever_resources: citations
            .filter(isRecord)
            .map((item) => pick(item, CITATION_FIELDS)),
        }
      : {}
  }
  return browserEvent
}

function pick(source: JsonObject, fields: readonly string[]): JsonObject {
  const result: JsonObject = {}
  for (const field of fields) if (field in source) result[field] = source[field]
  return result
}
