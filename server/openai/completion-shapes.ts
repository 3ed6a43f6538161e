import type { TurnDelta, TurnState } from './dify-turn-reader.ts'

/**
 * The `dify` extra field: where the answer lives in Dify, its citations if any, and a Workflow
 * app's run id and outputs.
 */
export function difyExtra(state: TurnState) {
  return {
    conversation_id: state.conversationId ?? null,
    message_id: state.messageId ?? null,
    ...(state.citations.length > 0 ? { citations: state.citations } : {}),
    ...(state.workflowRunId
      ? { workflow_run_id: state.workflowRunId, outputs: state.outputs ?? null }
      : {}),
  }
}

export interface CompletionBase {
  id: string
  created: number
  model: string
}

/** The id and time OpenAI clients show: Dify's message (or workflow run) id and its creation time. */
export function completionBase(state: TurnState, model: string): CompletionBase {
  return {
    id: `chatcmpl-${state.messageId ?? state.workflowRunId ?? crypto.randomUUID()}`,
    created: state.createdAt ?? Math.floor(Date.now() / 1000),
    model,
  }
}

/** One `chat.completion.chunk` with a single choice. */
export function chunk(
  base: CompletionBase,
  delta: TurnDelta & { role?: 'assistant' },
  finishReason: TurnState['finishReason'] | null = null,
  extra: Record<string, unknown> = {},
) {
  return {
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...extra,
  }
}

/** The whole answer as one `chat.completion`. */
export function completion(
  base: CompletionBase,
  state: TurnState,
  content: string,
  reasoning: string,
) {
  return {
    ...base,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          ...(reasoning ? { reasoning_content: reasoning } : {}),
          refusal: null,
        },
        logprobs: null,
        finish_reason: state.finishReason,
      },
    ],
    ...(state.usage ? { usage: state.usage } : {}),
    dify: difyExtra(state),
  }
}
