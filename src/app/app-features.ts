import { batch, computed, signal } from '@preact/signals'
import type { AppApi } from '../api/app-api.ts'
import type { UploadRules } from '../media/attachments-rules.ts'
import type { AppParameters, OpeningPart } from './app-parameters.ts'
import type { ChatMessage } from '../chat/chat-message.ts'
import { createFeedback } from '../chat/feedback.ts'
import { createWelcomeCache } from './welcome-cache.ts'
import type { ConversationView, InputsState } from '../inputs/inputs-state.ts'

export interface AppFeaturesOptions {
  api: AppApi
  endpointId: string
  /** `location.search`, for input prefill. */
  search: string
  /** Where inputs are kept per conversation (default localStorage; tests pass their own). */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null
}

/** An app that enables nothing: what the client assumes until (or unless) parameters load. */
export const NO_PARAMETERS: AppParameters = {
  openingStatement: '',
  suggestedQuestions: [],
  suggestionsAfterAnswer: false,
  fields: [],
  fileFields: [],
}

/** At most this many follow-up chips under an answer. */
const MAX_SUGGESTIONS = 5

/**
 * What the app's Dify parameters switch on around the chat: the greeting, suggested questions,
 * the inputs form, and the actions on an answer. Until the parameters load (or if they can't),
 * the app counts as enabling nothing but the greeting and starters last loaded (welcome-cache.ts),
 * so nothing half-working shows and turns go without inputs.
 */
export function createAppFeatures(options: AppFeaturesOptions) {
  const { api } = options
  const welcome = createWelcomeCache(options.endpointId, options.storage)
  const parameters = signal<AppParameters>({ ...NO_PARAMETERS, ...welcome.read() })
  const inputs = signal<InputsState | null>(null)
  const feedback = createFeedback((id, rating) => api.feedback(id, rating))
  let fill: ((template: string, state: InputsState) => OpeningPart[]) | undefined
  let view: ConversationView | undefined
  /** Dify's inputs of the conversation shown, when its history came before the parameters. */
  let difyInputs: { conversationId: string; inputs: unknown } | undefined
  const opening = computed(() => {
    const { openingStatement } = parameters.value
    const state = inputs.value
    if (state && fill) return fill(openingStatement, state)
    return openingStatement ? [openingStatement] : []
  })

  let loading: Promise<void> | undefined
  /** The parameters have loaded or failed: the form is what it will be. */
  let settled = false
  const load = () =>
    (loading ??= Promise.all([api.parameters(), import('./app-setup.ts')])
      .then(
        async ([raw, setup]) => {
          const fileInputs = setup.hasFileInputs(raw)
            ? await import('../inputs/file-input-uploads.ts')
            : undefined
          const parsed = setup.parseAppParameters(raw, fileInputs?.parseUploadRules)
          const state = setup.createInputsState({
            storage: setup.createInputsStorage(options.endpointId, options.storage),
            search: options.search,
            ...(fileInputs && {
              createUploads: (rules: UploadRules) =>
                fileInputs.createFileInputUploads(options.endpointId, rules),
            }),
          })
          if (view) state.attach(view)
          state.setFields(parsed.fields, parsed.fileFields)
          if (difyInputs) void state.fromDify(difyInputs.conversationId, difyInputs.inputs)
          fill = (template, { fields, values }) =>
            setup.fillPlaceholders(template, fields.value, values.value)
          batch(() => {
            inputs.value = state
            parameters.value = parsed
          })
          welcome.write(parsed)
        },
        () => {
          // No parameters, no extras: the plain chat still works.
        },
      )
      .finally(() => (settled = true)))

  /** After a finished answer: fetch its follow-up questions when the app offers them. */
  const afterAnswer = (message: ChatMessage) => {
    const id = message.difyId.value
    if (!id || !parameters.value.suggestionsAfterAnswer) return
    api.suggested(id).then(
      (questions) => (message.suggestions.value = questions.slice(0, MAX_SUGGESTIONS)),
      () => {},
    )
  }

  return {
    parameters,
    opening,
    /** The inputs form's state, once the parameters have loaded. */
    inputs,
    load,
    afterAnswer,
    /** For the chat store: the next turn's `inputs`. */
    inputsForTurn: () => inputs.peek()?.forTurn() ?? {},
    /** For the chat store: whether a turn may go (false shows the form's problems). */
    checkInputs: (): boolean | Promise<boolean> => {
      const state = inputs.peek()
      if (state || settled) return state?.check() ?? true
      return load().then(() => inputs.peek()?.check() ?? true)
    },
    toggleFeedback: feedback.toggle,
    /** For the history: the inputs Dify keeps for a conversation (docs/dify-wire.md#messages `inputs`). */
    conversationInputs: (conversationId: string, raw: unknown) => {
      difyInputs = { conversationId, inputs: raw }
      void inputs.peek()?.fromDify(conversationId, raw)
    },
    /** Follows the chat store's conversation, so inputs lock and persist with it. */
    attach: (conversation: ConversationView) => {
      view = conversation
      inputs.peek()?.attach(conversation)
    },
  }
}

export type AppFeatures = ReturnType<typeof createAppFeatures>
