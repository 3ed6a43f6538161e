import { batch, computed, effect, signal, untracked, type ReadonlySignal } from '@preact/signals'
import type { UploadRules } from '../media/attachments-rules.ts'
import type { Attachments } from '../media/attachments.ts'
import {
  defaultValues,
  filesOf,
  prefillFromQuery,
  toDifyInputs,
  validateFileInput,
  validateInputs,
  type FileField,
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
  /** The uploader of one file variable (the composer's attachment machinery, with its rules). */
  createUploads?: (rules: UploadRules) => Attachments
}

/**
 * The inputs form: values, which problems to show, and whether the conversation has locked them.
 * Dify keeps a conversation's inputs fixed, so once it starts the form becomes a read-only
 * summary; it stays editable while the values are invalid (say, a reload lost them), since no
 * turn could be sent otherwise. A conversation started elsewhere takes Dify's inputs (`fromDify`).
 */
export function createInputsState(options: InputsStateOptions) {
  const { storage } = options
  const fields = signal<InputField[]>([])
  const fileFields = signal<FileField[]>([])
  /** Per file variable the visitor can fill: its uploads, whose finished ones are its value. */
  const uploads = new Map<string, Attachments>()
  const values = signal<Record<string, InputValue>>({})
  const touched = signal<ReadonlySet<string>>(new Set())
  const showAll = signal(false)
  /** Bumped when a send was refused: the form focuses its first problem. */
  const focusRequest = signal(0)
  const conversation = signal<ConversationView | null>(null)

  const problems = computed(() => {
    const found: Record<string, InputProblem> = validateInputs(fields.value, values.value)
    for (const field of fileFields.value) {
      const uploading = uploads.get(field.variable)?.uploading.value ?? false
      const problem = validateFileInput(field, values.value[field.variable], uploading)
      if (problem) found[field.variable] = problem
    }
    return found
  })
  const valid = computed(() => Object.keys(problems.value).length === 0)
  const started = computed(() => {
    const view = conversation.value
    return !!view && (view.conversationId.value !== null || view.messages.value.length > 0)
  })
  const locked = computed(() => started.value && valid.value)

  const problemFor = (variable: string): InputProblem | undefined =>
    showAll.value || touched.value.has(variable) ? problems.value[variable] : undefined

  const defaults = (): Record<string, InputValue> => ({
    ...defaultValues(fields.peek()),
    ...Object.fromEntries(
      fileFields.peek().map((field) => [field.variable, field.links ? '' : []]),
    ),
  })

  /** Shows these values, the uploaders' files included. */
  const apply = (next: Record<string, InputValue>) => {
    batch(() => {
      values.value = next
      for (const [variable, files] of uploads) files.reset(filesOf(next[variable]))
    })
  }

  const markTouched = (variable: string) => {
    if (!touched.value.has(variable)) touched.value = new Set([...touched.value, variable])
  }

  /** Each finished upload becomes part of its variable's value; a removed one leaves it. */
  const followUploads = (variable: string, files: Attachments) =>
    effect(() => {
      const done = files.items.value.flatMap((item) =>
        item.status.value === 'done' && item.uploadId
          ? [{ uploadId: item.uploadId, name: item.name, kind: item.kind }]
          : [],
      )
      untracked(() => (values.value = { ...values.value, [variable]: done }))
    })

  /** Parameters loaded: start from the defaults, then this conversation's values or the URL's. */
  const setFields = (list: InputField[], files: FileField[] = []) => {
    const id = conversation.value?.conversationId.peek() ?? null
    const saved = id ? storage.read(id) : null
    const prefill = saved ? {} : prefillFromQuery(list, options.search)
    batch(() => {
      fields.value = list
      fileFields.value = files
      for (const field of files) {
        if (!field.rules || !options.createUploads) continue
        const uploader = options.createUploads(field.rules)
        uploads.set(field.variable, uploader)
        followUploads(field.variable, uploader)
      }
      apply({ ...defaults(), ...prefill, ...saved })
      touched.value = new Set(Object.keys(prefill))
    })
  }

  const set = (variable: string, value: InputValue) => {
    if (locked.value) return
    values.value = { ...values.value, [variable]: value }
    markTouched(variable)
  }

  /** Files picked for a file variable: checked against its rules and uploaded. */
  const addFiles = (variable: string, files: readonly File[]) => {
    if (locked.value) return
    uploads.get(variable)?.add(files)
    markTouched(variable)
  }

  /** Before a turn: true when the inputs may go; otherwise shows every problem. */
  const check = () => {
    if (valid.value) return true
    showAll.value = true
    focusRequest.value++
    return false
  }

  const hasFields = () => fields.peek().length > 0 || fileFields.peek().length > 0

  /**
   * Follows the conversation: one started here keeps the values it started with, a known one
   * gets its stored values back, one opened from elsewhere waits for Dify's (`fromDify`).
   */
  const attach = (view: ConversationView) => {
    conversation.value = view
    return effect(() => {
      const id = view.conversationId.value
      if (!id) return
      untracked(() => {
        if (!hasFields()) return
        const saved = storage.read(id)
        if (saved) apply({ ...defaults(), ...saved })
        else if (view.messages.peek().length > 0) storage.write(id, values.peek())
        else apply(defaults())
      })
    })
  }

  /**
   * The inputs Dify has for a conversation (from its history) win: they are what it checks.
   * Their reader loads only then: most visitors never open a conversation started elsewhere.
   */
  const fromDify = async (conversationId: string, raw: unknown) => {
    const shown = () => conversation.value?.conversationId.peek() === conversationId
    if (!shown() || !hasFields()) return
    const { valuesFromDify } = await import('./inputs-from-dify.ts')
    if (!shown()) return
    apply({ ...defaults(), ...valuesFromDify(fields.peek(), fileFields.peek(), raw) })
    storage.write(conversationId, values.peek())
  }

  return {
    fields,
    fileFields,
    values,
    problems,
    valid,
    locked,
    focusRequest,
    problemFor,
    /** The uploader of a file variable; undefined when the visitor can't fill it here. */
    uploadsOf: (variable: string) => uploads.get(variable),
    setFields,
    set,
    addFiles,
    check,
    attach,
    fromDify,
    /** The `inputs` of the next turn. */
    forTurn: () => toDifyInputs(fields.peek(), values.peek(), fileFields.peek()),
  }
}

export type InputsState = ReturnType<typeof createInputsState>
