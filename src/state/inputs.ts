/**
 * The app's input variables (dify-api.md §3.10 `user_input_form`): the form's fields, their
 * validation (the same rules Dify applies, so a turn is never sent only to be refused), URL
 * prefill, and the `inputs` object each turn sends.
 */

export type InputValue = string | boolean
export type InputValues = Readonly<Record<string, InputValue>>

interface FieldBase {
  variable: string
  label: string
  required: boolean
  /** Help text under the field (newer Dify). */
  hint: string
  placeholder: string
}

export type InputField =
  | (FieldBase & {
      type: 'text-input' | 'paragraph'
      maxLength: number | undefined
      default: string
    })
  | (FieldBase & { type: 'select'; options: string[]; default: string })
  | (FieldBase & { type: 'number'; default: string })
  | (FieldBase & { type: 'checkbox'; default: boolean })

/** A `file` / `file-list` variable: the form can't collect files yet, so it only names them. */
export interface FileField {
  variable: string
  label: string
  required: boolean
}

export type InputProblem =
  | { code: 'required' }
  | { code: 'tooLong'; max: number }
  | { code: 'notAnOption' }
  | { code: 'notANumber' }

/** Reads `user_input_form`; unknown types (json_object, external_data_tool, …) are skipped. */
export function parseInputForm(raw: unknown): { fields: InputField[]; files: FileField[] } {
  const fields: InputField[] = []
  const files: FileField[] = []
  const seen = new Set<string>()
  for (const item of Array.isArray(raw) ? raw : []) {
    if (!isRecord(item)) continue
    const [type, spec] = Object.entries(item)[0] ?? []
    if (!type || !isRecord(spec)) continue
    const variable = typeof spec.variable === 'string' ? spec.variable.trim() : ''
    if (!variable || seen.has(variable)) continue
    const base: FieldBase = {
      variable,
      label: stringOr(spec.label, variable),
      required: spec.required === true,
      hint: stringOr(spec.hint, ''),
      placeholder: stringOr(spec.placeholder, ''),
    }
    const field = toField(type, spec, base)
    if (field) fields.push(field)
    else if (type === 'file' || type === 'file-list') files.push(base)
    else continue
    seen.add(variable)
  }
  return { fields, files }
}

function toField(type: string, spec: Record<string, unknown>, base: FieldBase): InputField | null {
  switch (type) {
    case 'text-input':
    case 'paragraph': {
      const max = Number(spec.max_length)
      return {
        ...base,
        type,
        maxLength: Number.isInteger(max) && max > 0 ? max : undefined,
        default: stringOr(spec.default, ''),
      }
    }
    case 'select': {
      const options = Array.isArray(spec.options)
        ? [
            ...new Set(
              spec.options.filter((option): option is string => typeof option === 'string'),
            ),
          ]
        : []
      const fallback = stringOr(spec.default, '')
      return { ...base, type, options, default: options.includes(fallback) ? fallback : '' }
    }
    case 'number': {
      const fallback = typeof spec.default === 'number' ? String(spec.default) : spec.default
      return {
        ...base,
        type,
        default: typeof fallback === 'string' && isNumeric(fallback) ? fallback : '',
      }
    }
    case 'checkbox':
      return { ...base, type, default: spec.default === true || spec.default === 'true' }
    default:
      return null
  }
}

export function defaultValues(fields: readonly InputField[]): Record<string, InputValue> {
  return Object.fromEntries(fields.map((field) => [field.variable, field.default]))
}

/**
 * `?name=Ann` → `{name: 'Ann'}` for the form's own variables only. Values are kept as given and
 * validated like typed ones; a checkbox takes true/false, 1/0, yes/no, on/off.
 */
export function prefillFromQuery(
  fields: readonly InputField[],
  search: string | URLSearchParams,
): Record<string, InputValue> {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search
  const values: Record<string, InputValue> = {}
  for (const field of fields) {
    const raw = params.get(field.variable)
    if (raw === null) continue
    if (field.type !== 'checkbox') values[field.variable] = raw
    else {
      const flag = parseFlag(raw)
      if (flag !== undefined) values[field.variable] = flag
    }
  }
  return values
}

export function validateInput(
  field: InputField,
  value: InputValue | undefined,
): InputProblem | null {
  if (field.type === 'checkbox') return null
  const text = typeof value === 'string' ? value : ''
  if (text.trim() === '') return field.required ? { code: 'required' } : null
  switch (field.type) {
    case 'text-input':
    case 'paragraph':
      // Python's len(), which Dify checks max_length with, counts code points.
      return field.maxLength !== undefined && Array.from(text).length > field.maxLength
        ? { code: 'tooLong', max: field.maxLength }
        : null
    case 'select':
      return field.options.includes(text) ? null : { code: 'notAnOption' }
    case 'number':
      return isNumeric(text) ? null : { code: 'notANumber' }
  }
}

export function validateInputs(
  fields: readonly InputField[],
  values: InputValues,
): Record<string, InputProblem> {
  const problems: Record<string, InputProblem> = {}
  for (const field of fields) {
    const problem = validateInput(field, values[field.variable])
    if (problem) problems[field.variable] = problem
  }
  return problems
}

/** The `inputs` of a turn: typed values; empty optional ones left out so Dify applies its default. */
export function toDifyInputs(
  fields: readonly InputField[],
  values: InputValues,
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {}
  for (const field of fields) {
    const value = values[field.variable]
    if (field.type === 'checkbox') inputs[field.variable] = value === true
    else if (typeof value === 'string' && value.trim() !== '') {
      inputs[field.variable] = field.type === 'number' ? Number(value) : value
    }
  }
  return inputs
}

function isNumeric(text: string): boolean {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) && Number.isFinite(Number(text))
}

function parseFlag(raw: string): boolean | undefined {
  const flag = raw.trim().toLowerCase()
  if (['true', '1', 'yes', 'on'].includes(flag)) return true
  if (['false', '0', 'no', 'off'].includes(flag)) return false
  return undefined
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value : fallback
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
