import type { FileField, InputField } from '../../inputs/inputs.ts'

/**
 * What a batch CSV holds: one column per text, paragraph, select, number and checkbox input,
 * named by its variable. File inputs can't travel in a CSV cell, so a form that requires one
 * can't run in a batch (`requiredFiles`); optional ones are left empty.
 */
export interface BatchColumns {
  fields: readonly InputField[]
  requiredFiles: readonly FileField[]
}

export function batchColumns(
  fields: readonly InputField[],
  fileFields: readonly FileField[],
): BatchColumns {
  return { fields, requiredFiles: fileFields.filter((field) => field.required) }
}

/** The header row the template carries and an upload must match. */
export function batchHeader(columns: BatchColumns): string[] {
  return columns.fields.map((field) => field.variable)
}
