import { isRecord } from '../../contract/guards.ts'
import { absoluteFileUrl } from '../relay/file-url.ts'
import { createSseDataReader } from '../relay/sse-data-reader.ts'
import { trimOutputs } from '../runs/run-events.ts'

/** What the client sees of one delta: answer text, or an agent's tool use as reasoning. */
export interface TurnDelta {
  content?: string
  reasoning_content?: string
}

export interface TurnUsage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
}

/** One knowledge-base citation, as the `dify.citations` extra field gives it. */
export interface Citation {
  position: number | null
  dataset_name: string | null
  document_name: string | null
  score: number | null
  content: string | null
}

export interface TurnError {
  status: number
  code: string
  message: string
}

/** What a Dify answer stream said beside its text, filled in as the events arrive. */
export interface TurnState {
  conversationId: string | undefined
  messageId: string | undefined
  /** A Workflow app's run, which has no message. */
  workflowRunId: string | undefined
  /** A Workflow app's outputs from `workflow_finished`, file objects trimmed. */
  outputs: Record<string, unknown> | undefined
  taskId: string | undefined
  createdAt: number | undefined
  /** From `message_end` only; undefined when Dify sent none. */
  usage: TurnUsage | undefined
  citations: Citation[]
  finishReason: 'stop' | 'length' | 'content_filter'
  /** `message_replace` (output moderation): the whole answer Dify settled on instead. */
  replacement: string | undefined
  ended: boolean
  error: TurnError | undefined
}

export interface TurnReaderOptions {
  maxRecordBytes: number
  /** Dify's origin, for relative `message_file` URLs; undefined for the in-process demo bot. */
  difyOrigin: string | undefined
  /**
   * A Workflow app's run (`/workflows/run`): `workflow_finished` ends the answer (a Chatflow's
   * does not; its `message_end` does), bringing the outputs and, for a run that streamed no
   * `text_chunk`, the answer; a run that did not succeed is an error.
   */
  workflowApp?: boolean
  onDelta(delta: TurnDelta): void
  /** The first event with a message id arrived (the role chunk can go out). */
  onStart?(state: TurnState): void
}

const decoder = new TextDecoder()

/**
 * Reads one Dify answer stream (docs/dify-wire.md#stream-events) through the relay's SSE reader
 * and tells what an OpenAI client should see: answer deltas from `message`, `agent_message` and
 * a workflow's `text_chunk`, a tool-made picture as a markdown image, an agent's tool calls and
 * their observations as reasoning (its `thought` repeats the answer, so it is not sent twice),
 * and usage, citations, finish reason and errors in `state`. `/chat-messages`,
 * `/completion-messages` and `/workflows/run` (with `workflowApp`) streams alike.
 */
export function createTurnReader(options: TurnReaderOptions) {
  const state: TurnState = {
    conversationId: undefined,
    messageId: undefined,
    workflowRunId: undefined,
    outputs: undefined,
    taskId: undefined,
    createdAt: undefined,
    usage: undefined,
    citations: [],
    finishReason: 'stop',
    replacement: undefined,
    ended: false,
    error: undefined,
  }
  const toolsSeen = new Set<string>()
  const observationsSeen = new Set<string>()
  let started = false
  let textStreamed = false

  const onEvent = (event: Record<string, unknown>) => {
    if (state.ended || state.error) return
    state.conversationId ??= stringOr(event.conversation_id)
    state.taskId ??= stringOr(event.task_id)
    if (typeof event.created_at === 'number') state.createdAt ??= event.created_at
    if (options.workflowApp) {
      state.workflowRunId ??= stringOr(event.workflow_run_id)
      // A workflow's events keep their time in `data`.
      if (isRecord(event.data) && typeof event.data.created_at === 'number') {
        state.createdAt ??= event.data.created_at
      }
    }
    if (!started && typeof event.message_id === 'string') state.messageId = event.message_id
    if (!started && (state.messageId ?? state.workflowRunId)) {
      started = true
      options.onStart?.(state)
    }
    switch (event.event) {
      case 'message':
      case 'agent_message':
        if (typeof event.answer === 'string' && event.answer !== '') {
          options.onDelta({ content: event.answer })
        }
        return
      case 'agent_thought':
        return agentThought(event)
      case 'message_file': {
        const url = options.difyOrigin
          ? absoluteFileUrl(event.url, options.difyOrigin)
          : stringOr(event.url)
        if (url && event.belongs_to !== 'user') {
          options.onDelta({ content: `\n\n![${stringOr(event.type) ?? 'file'}](${url})\n\n` })
        }
        return
      }
      case 'message_replace':
        state.replacement = stringOr(event.answer) ?? ''
        state.finishReason = 'content_filter'
        return
      case 'node_finished': {
        const data = (event.data ?? {}) as { node_type?: unknown; outputs?: unknown }
        const outputs = (data.outputs ?? {}) as { finish_reason?: unknown }
        if (data.node_type === 'llm' && outputs.finish_reason === 'length') {
          state.finishReason = 'length'
        }
        return
      }
      case 'text_chunk': {
        const text = isRecord(event.data) ? stringOr(event.data.text) : undefined
        if (text) {
          textStreamed = true
          options.onDelta({ content: text })
        }
        return
      }
      case 'workflow_finished':
        if (options.workflowApp) workflowFinished(event)
        return
      case 'message_end':
        return messageEnd(event)
      case 'error':
        state.error = {
          status: typeof event.status === 'number' ? event.status : 500,
          code: stringOr(event.code) ?? 'upstream_error',
          message: stringOr(event.message) ?? 'The chat service failed.',
        }
        return
    }
  }

  const agentThought = (event: Record<string, unknown>) => {
    const id = stringOr(event.id) ?? ''
    const tool = stringOr(event.tool)
    if (tool && !toolsSeen.has(id)) {
      toolsSeen.add(id)
      options.onDelta({ reasoning_content: `Tool ${tool}: ${stringOr(event.tool_input) ?? ''}\n` })
    }
    const observation = stringOr(event.observation)
    if (observation && !observationsSeen.has(id)) {
      observationsSeen.add(id)
      options.onDelta({ reasoning_content: `Observation: ${observation}\n` })
    }
  }

  const workflowFinished = (event: Record<string, unknown>) => {
    const data = isRecord(event.data) ? event.data : {}
    const status = stringOr(data.status) ?? 'failed'
    if (status !== 'succeeded' && status !== 'partial-succeeded') {
      // A 400 like Dify's own `Run failed` for a Chatflow: the run happened, and a 5xx would make
      // the SDKs run it again on their own.
      state.error = {
        status: 400,
        code: `workflow_${status.replace(/\W/g, '_')}`,
        message: stringOr(data.error) || `The workflow run ended ${status}.`,
      }
      return
    }
    state.ended = true
    if (typeof data.total_tokens === 'number') {
      // Dify counts a run's tokens as one total.
      state.usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: data.total_tokens }
    }
    const outputs = isRecord(data.outputs) ? trimOutputs(data.outputs, options.difyOrigin) : {}
    state.outputs = outputs
    if (!textStreamed) {
      const text = outputsText(outputs)
      if (text) options.onDelta({ content: text })
    }
  }

  const messageEnd = (event: Record<string, unknown>) => {
    state.ended = true
    const metadata = (event.metadata ?? {}) as { usage?: unknown; retriever_resources?: unknown }
    const usage = (metadata.usage ?? {}) as Record<string, unknown>
    if (
      typeof usage.prompt_tokens === 'number' &&
      typeof usage.completion_tokens === 'number' &&
      typeof usage.total_tokens === 'number'
    ) {
      state.usage = {
        prompt_tokens: usage.prompt_tokens,
        completion_tokens: usage.completion_tokens,
        total_tokens: usage.total_tokens,
      }
    }
    if (Array.isArray(metadata.retriever_resources)) {
      state.citations = metadata.retriever_resources.map(citationOf)
    }
  }

  const reader = createSseDataReader({
    maxRecordBytes: options.maxRecordBytes,
    onTooLarge() {
      state.error ??= {
        status: 502,
        code: 'upstream_record_too_large',
        message: 'The chat service sent a broken answer.',
      }
    },
    onData(data) {
      let event: unknown
      try {
        event = JSON.parse(decoder.decode(data))
      } catch {
        return
      }
      if (event && typeof event === 'object' && !Array.isArray(event)) {
        onEvent(event as Record<string, unknown>)
      }
    },
  })

  return {
    state,
    feed: (chunk: Uint8Array) => reader.feed(chunk),
    /** Dify closed the stream: an answer without `message_end` or `error` was cut off. */
    end() {
      reader.end()
      if (!state.ended) state.error ??= BROKEN
    },
    /** The connection to Dify broke. */
    fail() {
      if (!state.ended) state.error ??= BROKEN
    },
  }
}

const BROKEN: TurnError = {
  status: 502,
  code: 'upstream_broken',
  message: 'The connection to the chat service broke.',
}

/** A run's outputs as the answer: its one text output as it is, else the outputs as JSON. */
function outputsText(outputs: Record<string, unknown>): string {
  const values = Object.values(outputs)
  if (values.length === 0) return ''
  if (values.length === 1 && typeof values[0] === 'string') return values[0]
  return JSON.stringify(outputs)
}

function citationOf(raw: unknown): Citation {
  const item = (raw ?? {}) as Record<string, unknown>
  return {
    position: typeof item.position === 'number' ? item.position : null,
    dataset_name: stringOr(item.dataset_name) ?? null,
    document_name: stringOr(item.document_name) ?? null,
    score: typeof item.score === 'number' ? item.score : null,
    content: stringOr(item.content) ?? null,
  }
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

export type TurnReader = ReturnType<typeof createTurnReader>
