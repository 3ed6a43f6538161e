import { isRecord } from '../../contract/guards.ts'
/**
 * The app's input variables (docs/dify-wire.md#parameters `user_input_form`): the form's fields, their
 * validation (the same rules Dify applies, so a turn is never sent only to be refused), URL
 * prefill, and the `inputs` object each turn sends.
 */

import type { InputFile, parseUploadRules, UploadRules } from '../media/attachments-rules.ts'
import { isKind, type FileKind } from '../../contract/file-kind.ts'

export type InputValue = string | boolean | readonly InputFile[]
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

/** A `file` / `file-list` variable, filled with uploads through `/api/files/upload`. */
export interface FileField extends FieldBase {
  /** `file-list`: several files (up to `rules.maxFiles`); `file`: one. */
  multiple: boolean
  /** Null when the visitor can't upload from their device (no `local_file` method, no type). */
  rules: UploadRules | null
  /**
   * Without uploads but with Dify's `remote_url` method: the visitor gives links instead (the
   * value is their text, one link per line), sent as this kind, at most `max` of them.
   */
  links: { kind: FileKind; max: number } | null
}

export type InputProblem =
  | { code: 'required' }
  | { code: 'tooLong'; max: number }
  | { code: 'notAnOption' }
  | { code: 'notANumber' }
  | { code: 'uploading' }
  | { code: 'notALink' }
  | { code: 'tooManyLinks'; max: number }

/** Dify's default `max_length` of a `file-list` variable. */
const FILE_LIST_MAX = 5

/** Reads upload rules (attachments-rules.ts); passed in, so a form without files doesn't load it. */
export type ParseUploadRules = typeof parseUploadRules

/**
 * Reads `user_input_form`; unknown types (json_object, external_data_tool, …) are skipped, and
 * so are file inputs without `parseRules`. `parameters` (the whole `/parameters`) gives file
 * inputs their size limits.
 */
export function parseInputForm(
  raw: unknown,
  parameters: unknown = {},
  parseRules?: ParseUploadRules,
): { fields: InputField[]; files: FileField[] } {
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
    else if ((type === 'file' || type === 'file-list') && parseRules)
      files.push(toFileField(type, spec, base, parameters, parseRules))
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

/** A file variable's rules are the upload rules of its own `allowed_file_*` fields. */
function toFileField(
  type: 'file' | 'file-list',
  spec: Record<string, unknown>,
  base: FieldBase,
  parameters: unknown,
  parseRules: ParseUploadRules,
): FileField {
  const multiple = type === 'file-list'
  const max = Number(spec.max_length)
  const count = multiple ? (Number.isInteger(max) && max > 0 ? max : FILE_LIST_MAX) : 1
  const rules = parseRules({
    system_parameters: isRecord(parameters) ? parameters.system_parameters : undefined,
    file_upload: {
      enabled: true,
      allowed_file_types: spec.allowed_file_types,
      allowed_file_extensions: spec.allowed_file_extensions,
      allowed_file_upload_methods: spec.allowed_file_upload_methods,
      number_limits: count,
    },
  })
  const methods = spec.allowed_file_upload_methods
  const kind = (Array.isArray(spec.allowed_file_types) ? spec.allowed_file_types : []).find(
    (type): type is FileKind => typeof type === 'string' && isKind(type),
  )
  const byLink = !Array.isArray(methods) || methods.includes('remote_url')
  const links = !rules && byLink && kind ? { kind, max: count } : null
  return { ...base, multiple, rules, links }
}

/** What a file variable holds: its uploads (a stored or Dify value of another shape: none). */
export function filesOf(value: InputValue | undefined): readonly InputFile[] {
  return Array.isArray(value) ? value : []
}

/** The links a visitor gave for a link-only file variable: one per line (or space). */
export function linksOf(value: InputValue | undefined): string[] {
  return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : []
}

function isWebLink(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol)
  } catch {
    return false
  }
}

/**
 * A file variable: required ones need a file, no upload may be on its way when sending, and
 * links must be http(s), no more than the variable takes.
 */
export function validateFileInput(
  field: FileField,
  value: InputValue | undefined,
  uploading: boolean,
): InputProblem | null {
  if (field.links) {
    const links = linksOf(value)
    if (links.length === 0) return field.required ? { code: 'required' } : null
    if (links.length > field.links.max) return { code: 'tooManyLinks', max: field.links.max }
    return links.every(isWebLink) ? null : { code: 'notALink' }
  }
  if (uploading) return { code: 'uploading' }
  return field.required && field.rules && filesOf(value).length === 0 ? { code: 'required' } : null
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

/**
 * The `inputs` of a turn: typed values; empty optional ones left out so Dify applies its default.
 * Files go as Dify's file mappings (docs/dify-wire.md#parameters): one for `file`, a list for `file-list`.
 */
export function toDifyInputs(
  fields: readonly InputField[],
  values: InputValues,
  fileFields: readonly FileField[] = [],
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {}
  for (const field of fileFields) {
    const { links } = field
    const files = links
      ? linksOf(values[field.variable]).map((url) => ({
          type: links.kind,
          transfer_method: 'remote_url',
          url,
        }))
      : filesOf(values[field.variable]).map((file) => ({
          type: file.kind,
          transfer_method: 'local_file',
          upload_file_id: file.uploadId,
        }))
    if (files.length > 0) inputs[field.variable] = field.multiple ? files : files[0]
  }
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

/** A checkbox value written as text: true/false, 1/0, yes/no, on/off; anything else is undefined. */
export function parseFlag(raw: string): boolean | undefined {
  const flag = raw.trim().toLowerCase()
  if (['true', '1', 'yes', 'on'].includes(flag)) return true
  if (['false', '0', 'no', 'off'].includes(flag)) return false
  return undefined
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value : fallback
}
