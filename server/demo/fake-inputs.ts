import { isRecord, type JsonObject } from '../../contract/guards.ts'
/**
 * Dify's input validation for `/chat-messages` (docs/dify-wire.md#parameters "Input validation", after
 * `base_app_generator._validate_inputs`): each variable of `user_input_form` is checked and
 * normalised, undeclared variables are dropped, and the first problem is the `invalid_param`
 * message Dify would give.
 */

export type InputsResult = { inputs: JsonObject } | { error: string }

const TEXT_TYPES = new Set(['text-input', 'paragraph', 'select'])
const KNOWN_TYPES = new Set([
  ...TEXT_TYPES,
  'number',
  'checkbox',
  'file',
  'file-list',
  'json_object',
])
const TRUE_WORDS = new Set(['true', '1', 'yes', 'on'])
const FALSE_WORDS = new Set(['false', '0', 'no', 'off', ''])

/**
 * Validates `inputs` against `form`; `ownsUpload` says whether a `local_file` upload id belongs
 * to the caller (files are scoped by user, docs/dify-wire.md#user-scoping). `external_data_tool` entries and unknown types
 * are not user variables and are skipped.
 */
export function validateInputs(
  form: readonly unknown[],
  inputs: JsonObject,
  ownsUpload: (uploadFileId: string) => boolean,
): InputsResult {
  const result: JsonObject = {}
  for (const item of form) {
    const [type, config] = Object.entries((item ?? {}) as JsonObject)[0] ?? []
    if (!type || !KNOWN_TYPES.has(type) || !isRecord(config)) continue
    const variable = String(config.variable ?? '')
    if (!variable) continue
    const checked = validateOne(type, config, inputs[variable], ownsUpload)
    if ('error' in checked) return checked
    result[variable] = checked.value
  }
  return { inputs: result }
}

function validateOne(
  type: string,
  config: JsonObject,
  raw: unknown,
  ownsUpload: (uploadFileId: string) => boolean,
): { value: unknown } | { error: string } {
  const variable = String(config.variable)
  if (raw === undefined || raw === null) {
    if (config.required === true) return { error: `${variable} is required in input form` }
    return { value: config.default ?? null }
  }
  if (TEXT_TYPES.has(type)) {
    if (typeof raw !== 'string') {
      return { error: `(type '${type}') ${variable} in input form must be a string` }
    }
    if (type === 'select') {
      const options = Array.isArray(config.options) ? config.options : []
      if (!options.includes(raw)) {
        return {
          error: `${variable} in input form must be one of the following: ${pythonList(options)}`,
        }
      }
    }
    const maxLength = typeof config.max_length === 'number' ? config.max_length : 0
    if (type !== 'select' && maxLength && Array.from(raw).length > maxLength) {
      return { error: `${variable} in input form must be less than ${maxLength} characters` }
    }
    return { value: raw.replace(/\0/g, '') }
  }
  switch (type) {
    case 'number':
      return validateNumber(variable, raw)
    case 'checkbox':
      return validateCheckbox(variable, raw)
    case 'json_object':
      return isRecord(raw)
        ? { value: raw }
        : { error: `${variable} in input form must be a JSON object` }
    case 'file':
      return isFileOf(raw, ownsUpload)
        ? { value: raw }
        : { error: `${variable} in input form must be a file` }
    default: {
      const max = typeof config.max_length === 'number' ? config.max_length : Infinity
      if (!Array.isArray(raw) || !raw.every((file) => isFileOf(file, ownsUpload))) {
        return { error: `${variable} in input form must be a list of files` }
      }
      if (raw.length > max) {
        return { error: `${variable} in input form must have at most ${max} files` }
      }
      return { value: raw }
    }
  }
}

function validateNumber(variable: string, raw: unknown): { value: unknown } | { error: string } {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { value: raw }
  if (typeof raw === 'string') {
    if (raw.trim() === '') return { value: null }
    const value = Number(raw)
    if (Number.isFinite(value)) return { value }
    return { error: `${variable} in input form must be a valid number` }
  }
  return { error: `Invalid input type for ${variable}` }
}

function validateCheckbox(variable: string, raw: unknown): { value: unknown } | { error: string } {
  if (typeof raw === 'boolean') return { value: raw }
  if (raw === 1 || raw === 0) return { value: raw === 1 }
  if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase()
    if (TRUE_WORDS.has(word)) return { value: true }
    if (FALSE_WORDS.has(word)) return { value: false }
  }
  return { error: `Invalid input type for ${variable}` }
}

/** A file mapping (docs/dify-wire.md#chat-messages `files` item); a `local_file` must be the caller's own upload. */
export function isFileOf(file: unknown, ownsUpload: (uploadFileId: string) => boolean): boolean {
  if (!isRecord(file)) return false
  if (file.transfer_method === 'local_file') {
    return typeof file.upload_file_id === 'string' && ownsUpload(file.upload_file_id)
  }
  return file.transfer_method === 'remote_url' && typeof file.url === 'string'
}

/** Python's `str(list)` of strings, as Dify's messages print option lists: `['en', 'fr']`. */
function pythonList(items: readonly unknown[]): string {
  return `[${items.map((item) => `'${String(item)}'`).join(', ')}]`
}
