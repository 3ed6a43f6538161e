import {
  parseInputForm,
  type FileField,
  type InputField,
  type InputValues,
  type ParseUploadRules,
} from '../inputs/inputs.ts'

/** What the client uses of `GET /parameters` (docs/dify-wire.md#parameters), read defensively. */
export interface AppParameters {
  openingStatement: string
  suggestedQuestions: string[]
  suggestionsAfterAnswer: boolean
  fields: InputField[]
  fileFields: FileField[]
}

/** `parseRules` is needed only when the form has file inputs (hasFileInputs). */
export function parseAppParameters(raw: unknown, parseRules?: ParseUploadRules): AppParameters {
  const params = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
  const { fields, files } = parseInputForm(params.user_input_form, params, parseRules)
  const after = params.suggested_questions_after_answer
  return {
    openingStatement:
      typeof params.opening_statement === 'string' ? params.opening_statement.trim() : '',
    suggestedQuestions: Array.isArray(params.suggested_questions)
      ? params.suggested_questions
          .filter((question): question is string => typeof question === 'string')
          .map((question) => question.trim())
          .filter(Boolean)
      : [],
    suggestionsAfterAnswer:
      typeof after === 'object' &&
      after !== null &&
      (after as { enabled?: unknown }).enabled === true,
    fields,
    fileFields: files,
  }
}

/** A piece of the opening statement: text, or the label of an input not filled in yet. */
export type OpeningPart = string | { blank: string }

/**
 * Fills `{{variable}}` in the opening statement from the inputs: a variable without a value
 * becomes its label, shown muted instead of in braces; an unknown one stays as written.
 */
export function fillPlaceholders(
  template: string,
  fields: readonly InputField[],
  values: InputValues,
): OpeningPart[] {
  const parts: OpeningPart[] = []
  let text = ''
  let from = 0
  for (const match of template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)) {
    const name = match[1] ?? ''
    const value = values[name]
    const field = fields.find((candidate) => candidate.variable === name)
    text += template.slice(from, match.index)
    from = match.index + match[0].length
    if (typeof value === 'string' && value.trim() !== '') text += value
    else if (!field) text += match[0]
    else {
      if (text) parts.push(text)
      parts.push({ blank: field.label })
      text = ''
    }
  }
  text += template.slice(from)
  if (text) parts.push(text)
  return parts
}

/** Whether the form of `GET /parameters` has a `file` or `file-list` input. */
export function hasFileInputs(raw: unknown): boolean {
  const form = (raw as { user_input_form?: unknown } | null)?.user_input_form
  return (
    Array.isArray(form) &&
    form.some(
      (item: unknown) =>
        typeof item === 'object' && item !== null && ('file' in item || 'file-list' in item),
    )
  )
}
