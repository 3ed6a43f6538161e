import { isRecord } from '../../contract/guards.ts'
import type { InputFile } from '../media/attachments-rules.ts'
import { isKind } from '../../contract/file-kind.ts'
import type { FileField, InputField, InputValue } from './inputs.ts'

/**
 * A conversation's inputs as Dify stored them (`inputs` of a `/messages` item, docs/dify-wire.md#messages)
 * as form values: what another browser, or this one before, started the conversation with.
 * Numbers become text as typed; files are Dify's file objects (`related_id` or `upload_file_id`,
 * `filename`); a remote-URL file comes back as a link for a link-only variable and is left out
 * of an upload one (it can't be sent as an upload again).
 */
export function valuesFromDify(
  fields: readonly InputField[],
  fileFields: readonly FileField[],
  raw: unknown,
): Record<string, InputValue> {
  const inputs = isRecord(raw) ? raw : {}
  const values: Record<string, InputValue> = {}
  for (const field of fields) {
    const value = inputs[field.variable]
    if (field.type === 'checkbox') {
      if (typeof value === 'boolean') values[field.variable] = value
      else if (value === 1 || value === 0) values[field.variable] = value === 1
    } else if (typeof value === 'string') values[field.variable] = value
    else if (typeof value === 'number' && Number.isFinite(value)) {
      values[field.variable] = String(value)
    }
  }
  for (const field of fileFields) {
    const value = inputs[field.variable]
    const list = Array.isArray(value) ? value : value ? [value] : []
    if (field.links) {
      values[field.variable] = list.flatMap(linkOf).join('\n')
      continue
    }
    values[field.variable] = list.flatMap((file) => {
      const uploaded = toUploadedFile(file)
      return uploaded ? [uploaded] : []
    })
  }
  return values
}

/** A link file as Dify keeps it: `remote_url`, or `url` in older and request-shaped objects. */
function linkOf(file: unknown): string[] {
  if (!isRecord(file) || file.transfer_method !== 'remote_url') return []
  const url = [file.remote_url, file.url].find((text) => typeof text === 'string' && text)
  return typeof url === 'string' ? [url] : []
}

function toUploadedFile(file: unknown): InputFile | null {
  if (!isRecord(file) || file.transfer_method !== 'local_file') return null
  const uploadId = [file.upload_file_id, file.related_id].find((id) => typeof id === 'string')
  if (typeof uploadId !== 'string') return null
  const name = [file.filename, file.name].find((text) => typeof text === 'string' && text)
  const kind = typeof file.type === 'string' && isKind(file.type) ? file.type : 'custom'
  return { uploadId, name: typeof name === 'string' ? name : uploadId, kind }
}
