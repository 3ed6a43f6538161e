import { createMediaApi } from '../api/media-api.ts'
import type { UploadRules } from '../media/attachments-rules.ts'
import { createAttachments } from '../media/attachments.ts'

/**
 * What `file`/`file-list` inputs need beyond the rest of the form, in its own chunk that loads
 * only for an app whose form has one: their upload rules, and the uploader of each input (the
 * composer's attachment machinery under the variable's own rules).
 */
export { parseUploadRules } from '../media/attachments-rules.ts'

export function createFileInputUploads(endpointId: string, rules: UploadRules) {
  const uploads = createAttachments({ api: createMediaApi(endpointId) })
  uploads.rules.value = rules
  return uploads
}
