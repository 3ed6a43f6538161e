import { computed, effect, signal, untracked, type ReadonlySignal } from '@preact/signals'
import {
  defaultValues,
  prefillFromQuery,
  toDifyInputs,
  validateInputs,
  type InputField,
  type InputProblem,
  type InputValue,
} from './inputs.ts'
import type { InputsStorage } from './inputs-storage.ts'

/** The part of the chat store the inputs follow (kept structural: no import cycle). */
export interface ConversationView {
  conversationId: ReadonlySignal<string | null>
  messages: ReadonlySignal<readonly unknown[]>
}

export interface InputsStateOptions {
  storage: InputsStorage
  /** `location.search`: `?name=Ann` prefills the input `name`. */
  search: string
}

/**
 * The inputs form: values, which problems to show, and whether the conversation has locked them.
 * Dify keeps a conversation's inputs fixed, so once it starts the form becomes a read-only
 * summary; it stays editable while the values are invalid (say, a reload lost them), since no
 * turn could be sent otherwise.
 */
export function createInputsState(options: InputsStateOptions) {
  const { storage } = options
  const fields = signal<InputField[]>([])
  const values = signal<Record<string, InputValue>>({})
  const touched = signal<ReadonlySet<string>>(new Set())
  const showAll = signal(false)
  /** Bumped when a send was refused: the form focuses its first problem. */
  const focusRequest = signal(0)
  const conversation = signal<ConversationView | null>(null)

  const problems = computed(() => validateInputs(fields.value, values.value))
  const valid = computed(() => Object.keys(problems.value).length === 0)
  const started = computed(() => {
    const view = conversation.value
    return !!view && (view.conversationId.value !== null || view.messages.value.length > 0)
  })
  const locked = computed(() => started.value && valid.value)

  const problemFor = (variable: string): InputProblem | undefined =>
    showAll.value || touched.value.has(variable) ? problems.value[variable] : undefined

  /** Parameters loaded: start from the defaults, then this conversation's values or the URL's. */
  const setFields = (list: InputField[]) => {
    const id = conversation.value?.conversationId.peek() ?? null
    const saved = id ? storage.read(id) : null
    const prefill = saved ? {} : prefillFromQuery(list, options.search)
    fields.value = list
    values.value = { ...defaultValues(list), ...prefill, ...saved }
    touched.value = new Set(Object.keys(prefill))
  }

  const set = (variable: string, value: InputValue) => {
    if (locked.value) return
    values.value = { ...values.value, [variable]: value }
    if (!touched.value.has(variable)) touched.value = new Set([...touched.value, variable])
  }

  /** Before a turn: true when the inputs may go; otherwise shows every problem. */
  const check = () => {
    if (valid.value) return true
    showAll.value = true
    focusRequest.value++
    return false
  }

  /** Follows the conversation: a new id keeps the values it started with, a known one restores them. */
  const attach = (view: ConversationView) => {
    conversation.value = view
    return effect(() => {
      const id = view.conversationId.value
      if (!id) return
      untracked(() => {
        if (fields.value.length === 0) return
        const saved = storage.read(id)
        if (saved) values.value = { ...defaultValues(fields.value), ...saved }
        else storage.write(id, values.value)
      })
    })
  }

  return {
    fields,
    values,
    problems,
    valid,
    locked,
    focusRequest,
    problemFor,
    setFields,
    set,
    check,
    attach,
    /** The `inputs` of the next turn. */
    forTurn: () => toDifyInputs(fields.peek(), values.peek()),
  }
}

export type InputsState = ReturnType<typeof createInputsState>
