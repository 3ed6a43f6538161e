import type { Context, Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import type { AppModes } from '../app-mode/app-modes.ts'
import type { OpenAiConfig } from '../config/types.ts'
import { stopDifyTask } from '../dify/dify-client.ts'
import { difyOriginOf } from '../dify/dify-origin.ts'
import { HttpError } from '../errors.ts'
import { readJsonBody } from '../http/read-json-body.ts'
import { RUN_PATHS } from '../runs/run-paths.ts'
import { createMemoryLimitsStore, type LimitsStore } from '../security/limits-store.ts'
import { createKeyChecker, type KeyChecker } from './api-key.ts'
import { validateChatRequest, type ChatRequestLimits } from './chat-request.ts'
import { openAiChunkStream } from './chunk-stream.ts'
import { completion, completionBase } from './completion-shapes.ts'
import { createMemoryConversationMap, type ConversationMap } from './conversation-map.ts'
import { historyDigest } from './history-digest.ts'
import { createQueryInputs } from './query-input.ts'
import { startDifyTurn } from './start-dify-turn.ts'
import { startGeneratorRun } from './start-generator-run.ts'
import { OpenAiError, openAiErrorResponse, RateLimited } from './openai-error.ts'
import { readWholeAnswer } from './whole-answer.ts'

export interface OpenAiRouteOptions extends ChatRequestLimits {
  /** Cap of a request body; inline (`data:`) images count. */
  maxBodyBytes: number
  /** Cap of one inline image, as for the browser's uploads. */
  maxUploadBytes: number
  relay: { idleTimeoutMs: number; keepAliveMs: number; maxRecordBytes: number }
  /** Where the per-key limits count; one process's memory unless a shared store is given. */
  limitsStore?: LimitsStore
  /** Where histories map to Dify conversations; one process's memory unless given. */
  conversations?: ConversationMap
  /** Each endpoint's app type, which picks Dify's route; without it every endpoint is a chat. */
  modes?: AppModes
}

export const DEFAULT_OPENAI_LIMITS = {
  maxBodyBytes: 24 * 1024 * 1024,
  maxTextChars: 200_000,
}

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
}

/**
 * `/:id/v1/models` and `/:id/v1/chat/completions`: the endpoint's Dify app behind OpenAI's Chat
 * Completions API (docs/openai-api.md), for endpoints with `openai` keys. A chat app answers
 * through `/chat-messages` with a conversation; a Completion or Workflow app runs once per
 * request, the message in one of its inputs. Registered before the
 * visitor cookie and same-origin middlewares and answering without `next()`, so neither runs:
 * API clients send no cookie and no Origin, and prove themselves with a key instead.
 */
export function registerOpenAiRoutes(app: Hono<AppEnv>, options: OpenAiRouteOptions): void {
  const limits = options.limitsStore ?? createMemoryLimitsStore()
  const conversations = options.conversations ?? createMemoryConversationMap()
  const checkers = new WeakMap<OpenAiConfig, KeyChecker>()
  const queryInputs = createQueryInputs()

  /** Chat, completion or workflow: which Dify route answers. */
  const kindOf = async (c: Context<AppEnv>) => {
    if (!options.modes) return 'chat'
    const mode = await options.modes.kindOf(c.get('endpoint').config.id)
    if ('problem' in mode) {
      throw new HttpError(503, 'app_unavailable', 'The app behind this endpoint cannot be reached.')
    }
    return mode.kind
  }

  /** The endpoint's OpenAI config and the calling key, once the key and its budget allow. */
  const authorize = async (c: Context<AppEnv>) => {
    const { id, openai } = c.get('endpoint').config
    if (!openai) {
      throw new OpenAiError(
        404,
        'not_found_error',
        'This endpoint does not serve the OpenAI API.',
        'not_found',
      )
    }
    let checker = checkers.get(openai)
    if (!checker) checkers.set(openai, (checker = createKeyChecker(openai.keys)))
    const keyId = await checker(c.req.header('authorization'))
    const wait = await limits.take('openai-key', `${id} ${keyId}`, openai.perKeyPerMinute)
    if (wait > 0)
      throw new RateLimited(wait, `Rate limit reached for this key; try again in ${wait} s.`)
    return { openai, keyId }
  }

  const answer =
    (handler: (c: Context<AppEnv>) => Promise<Response>) => async (c: Context<AppEnv>) => {
      try {
        return await handler(c)
      } catch (error) {
        return openAiErrorResponse(error)
      }
    }

  app.get(
    '/:id/v1/models',
    answer(async (c) => {
      const { openai } = await authorize(c)
      return Response.json(
        { object: 'list', data: [modelOf(openai)] },
        { headers: { 'Cache-Control': 'no-store' } },
      )
    }),
  )

  app.post(
    '/:id/v1/chat/completions',
    answer(async (c) => {
      const { openai, keyId } = await authorize(c)
      const request = validateChatRequest(
        await readJsonBody(c.req.raw, options.maxBodyBytes),
        options,
      )
      if (request.model !== openai.model) {
        throw new OpenAiError(
          404,
          'not_found_error',
          `The model \`${request.model}\` does not exist; this endpoint serves \`${openai.model}\`.`,
          'model_not_found',
          'model',
        )
      }
      const endpoint = c.get('endpoint')
      const kind = await kindOf(c)
      const slotKey = `${endpoint.config.id} ${keyId}`
      const releaseSlot = await limits.openSlot('openai-stream', slotKey, openai.streamsPerKey)
      if (!releaseSlot) {
        throw new RateLimited(1, `At most ${openai.streamsPerKey} answers per key at once.`)
      }
      let slotKept = false
      try {
        const signal = c.req.raw.signal
        const { upstream, difyUser, conversationId } =
          kind === 'chat'
            ? await startDifyTurn({
                endpoint,
                request,
                openai,
                keyId,
                pinnedHeader: c.req.header('x-dify-conversation-id'),
                conversations,
                maxUploadBytes: options.maxUploadBytes,
                signal,
              })
            : await startGeneratorRun({
                endpoint,
                kind,
                request,
                openai,
                keyId,
                queryInput: await queryInputs(endpoint, signal),
                maxUploadBytes: options.maxUploadBytes,
                signal,
              })
        const scope = { endpointId: endpoint.config.id, keyId, user: request.user }
        const remember = async (content: string, answeredIn: string | undefined) => {
          const id = answeredIn ?? conversationId
          if (!id || kind !== 'chat') return
          const digest = await historyDigest(scope, [
            ...request.messages,
            { role: 'assistant', text: content, images: [] },
          ])
          await conversations.set(digest, id)
        }
        const stop = (taskId: string | undefined) => {
          if (!taskId) return
          const stopped =
            kind === 'chat'
              ? stopDifyTask(endpoint.dify, taskId, difyUser)
              : endpoint.dify.request('POST', RUN_PATHS[kind].stop(taskId), {
                  json: { user: difyUser },
                })
          void stopped.then((response) => response.body?.cancel()).catch(() => {})
        }
        const reader = {
          maxRecordBytes: options.relay.maxRecordBytes,
          difyOrigin: difyOriginOf(endpoint.config),
          workflowApp: kind === 'workflow',
        }
        const idleTimeoutMs = endpoint.config.upstreamIdleTimeoutMs ?? options.relay.idleTimeoutMs

        if (request.stream) {
          slotKept = true
          const body = openAiChunkStream(upstream, {
            model: openai.model,
            includeUsage: request.includeUsage,
            reader,
            idleTimeoutMs,
            keepAliveMs: options.relay.keepAliveMs,
            onFinish({ reason, content, state }) {
              releaseSlot()
              if (reason === 'client_closed') stop(state.taskId)
              if (reason === 'complete')
                void remember(content, state.conversationId).catch(() => {})
            },
          })
          return new Response(body, { status: 200, headers: STREAM_HEADERS })
        }

        const whole = await readWholeAnswer(upstream, { ...reader, idleTimeoutMs })
        // The client left: the aborted request ended the read; Dify's task runs on until stopped.
        if (c.req.raw.signal.aborted) stop(whole.state.taskId)
        const { state } = whole
        if (state.error)
          throw new HttpError(state.error.status, state.error.code, state.error.message)
        await remember(whole.content, state.conversationId)
        return Response.json(
          completion(completionBase(state, openai.model), state, whole.content, whole.reasoning),
          { headers: { 'Cache-Control': 'no-store' } },
        )
      } finally {
        if (!slotKept) releaseSlot()
      }
    }),
  )
}

function modelOf(openai: OpenAiConfig) {
  return { id: openai.model, object: 'model', created: 0, owned_by: 'chatskins' }
}
