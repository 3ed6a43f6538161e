import { isRecord, type JsonObject } from '../../contract/guards.ts'
import { toBrowserEvent } from '../relay/browser-event.ts'
import { absoluteFileUrl } from '../relay/file-url.ts'

/**
 * What of a completion or workflow stream event reaches the browser (docs/dify-wire.md#workflow-events):
 * the completion's message events as in chat (browser-event.ts) plus its token count, and of a
 * workflow only what the progress list and the result show. Node inputs, outputs and
 * `process_data` (prompts, `sys.user_id`) never leave; the run's final `outputs` do, because the
 * result shows them, with file objects cut down to what a link or an image needs.
 */

const ENVELOPE = ['event', 'task_id', 'workflow_run_id', 'message_id', 'created_at'] as const
const NODE = ['id', 'node_id', 'node_type', 'title', 'index', 'created_at'] as const
const NODE_END = ['status', 'error', 'elapsed_time'] as const
const RUN_END = [
  'id',
  'status',
  'error',
  'elapsed_time',
  'total_tokens',
  'total_steps',
  'created_at',
  'finished_at',
] as const
const FILE = ['type', 'filename', 'extension', 'mime_type', 'size', 'url'] as const

const NODE_EVENTS = new Set(['node_started', 'node_finished', 'node_retry'])
const GROUP_EVENTS = new Set([
  'iteration_started',
  'iteration_next',
  'iteration_completed',
  'loop_started',
  'loop_next',
  'loop_completed',
])
const TEXT_EVENTS = new Set(['text_chunk', 'text_replace'])

/** `difyOrigin` undefined: the demo bot, whose file URLs are already absolute or `data:`. */
export function toRunBrowserEvent(
  event: JsonObject,
  difyOrigin: string | undefined,
): JsonObject | null {
  const type = event.event
  if (typeof type !== 'string' || (typeof event.status === 'number' && event.status >= 400)) {
    return toBrowserEvent(event)
  }
  const data = isRecord(event.data) ? event.data : {}
  const out = pick(event, ENVELOPE)
  if (type === 'message_end') {
    const trimmed = toBrowserEvent(event)
    const usage = isRecord(event.metadata) ? event.metadata.usage : undefined
    const tokens = isRecord(usage) ? usage.total_tokens : undefined
    return (
      trimmed && {
        ...trimmed,
        metadata: typeof tokens === 'number' ? { usage: { total_tokens: tokens } } : {},
      }
    )
  }
  if (type === 'workflow_started') return { ...out, data: pick(data, ['id', 'created_at']) }
  if (NODE_EVENTS.has(type)) {
    const meta = isRecord(data.execution_metadata) ? data.execution_metadata : {}
    const trimmed: JsonObject = pick(data, [...NODE, ...NODE_END, 'retry_index'])
    // Children of an iteration or a loop say so here (recent) or in execution_metadata (older).
    for (const parent of ['iteration_id', 'loop_id']) {
      const id = data[parent] ?? meta[parent]
      if (typeof id === 'string' && id) trimmed[parent] = id
    }
    if (typeof meta.total_tokens === 'number') trimmed.total_tokens = meta.total_tokens
    return { ...out, data: trimmed }
  }
  if (GROUP_EVENTS.has(type)) return { ...out, data: pick(data, [...NODE, ...NODE_END]) }
  if (TEXT_EVENTS.has(type)) {
    return typeof data.text === 'string' ? { ...out, data: { text: data.text } } : null
  }
  if (type === 'workflow_finished') {
    const trimmed = pick(data, RUN_END)
    trimmed.outputs = isRecord(data.outputs) ? trimOutputs(data.outputs, difyOrigin) : null
    return { ...out, data: trimmed }
  }
  return toBrowserEvent(event)
}

/** A run's outputs as the result shows them: values as they are, file objects trimmed. */
export function trimOutputs(outputs: JsonObject, difyOrigin: string | undefined): JsonObject {
  const result: JsonObject = {}
  for (const [name, value] of Object.entries(outputs)) {
    if (name.startsWith('sys.')) continue
    result[name] = Array.isArray(value)
      ? value.map((item) => trimFile(item, difyOrigin))
      : trimFile(value, difyOrigin)
  }
  return result
}

function trimFile(value: unknown, difyOrigin: string | undefined): unknown {
  if (!isRecord(value) || value.dify_model_identity !== '__dify__file__') return value
  const file = pick(value, FILE)
  const given = value.url ?? value.remote_url
  const url =
    difyOrigin === undefined
      ? typeof given === 'string' && /^(https?:|data:image\/)/.test(given)
        ? given
        : null
      : absoluteFileUrl(given, difyOrigin)
  if (url) file.url = url
  else delete file.url
  return file
}

function pick(source: JsonObject, fields: readonly string[]): JsonObject {
  const result: JsonObject = {}
  for (const field of fields) if (field in source) result[field] = source[field]
  return result
}
