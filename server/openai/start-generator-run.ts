import type { EndpointRuntime } from '../app-env.ts'
import type { OpenAiConfig } from '../config/types.ts'
import { RUN_PATHS } from '../runs/run-paths.ts'
import type { KeyId } from './api-key.ts'
import type { ChatRequest } from './chat-request.ts'
import { difyQuery, difyUserOf, upstreamRefusal } from './dify-request.ts'
import { imageFiles } from './image-files.ts'

export interface GeneratorRunOptions {
  endpoint: EndpointRuntime
  kind: keyof typeof RUN_PATHS
  request: ChatRequest
  openai: OpenAiConfig
  keyId: KeyId
  /** The Dify input that receives the message (query-input.ts). */
  queryInput: string
  maxUploadBytes: number
  signal: AbortSignal
}

/**
 * Runs a Completion app (`/completion-messages`) or a Workflow app (`/workflows/run`) for an
 * OpenAI request, streaming whatever the client asked. There is no conversation: the last user
 * message, after the earlier ones as context, goes into `queryInput`; the `system` messages into
 * `openai.systemInput` if set, else into that context, as for a chat's first turn.
 */
export async function startGeneratorRun(options: GeneratorRunOptions) {
  const { endpoint, request, signal } = options
  const difyUser = difyUserOf(endpoint.config.id, options.keyId, request.user)
  const { query, inputs } = difyQuery(request, options.openai, undefined)
  const files = await imageFiles(request.messages[request.messages.length - 1]!.images, {
    dify: endpoint.dify,
    user: difyUser,
    maxUploadBytes: options.maxUploadBytes,
    signal,
  })
  const upstream = await endpoint.dify.request('POST', RUN_PATHS[options.kind].run, {
    json: {
      inputs: { ...inputs, [options.queryInput]: query },
      files,
      user: difyUser,
      response_mode: 'streaming',
    },
    signal,
  })
  if (!upstream.ok || !upstream.body) throw await upstreamRefusal(upstream)
  return { upstream: upstream.body, difyUser, conversationId: undefined }
}
