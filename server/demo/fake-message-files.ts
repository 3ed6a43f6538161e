import { fileUploadEnabled, type FakeApp } from './fake-apps.ts'
import { DEMO_CHART_SVG, dataUrl } from './fake-media.ts'
import type { FakeFiles } from './fake-files.ts'
import type { FakeMessageFile, FakeStore, FakeUpload } from './fake-store.ts'

/**
 * The `files` of a `/chat-messages` or `/completion-messages` request as the user's
 * `message_files` (docs/dify-wire.md#chat-messages, #messages): none for an app without file
 * upload; a `local_file` must be an upload of the same `user` (#user-scoping), else Dify's 400
 * `invalid_param`; a `remote_url` is listed with its URL.
 */
export function userMessageFiles(
  app: FakeApp,
  files: unknown,
  store: FakeStore,
  user: string,
): { files: FakeMessageFile[] } | { error: string } {
  if (!fileUploadEnabled(app) || files === undefined || files === null) return { files: [] }
  if (!Array.isArray(files)) return { error: 'files must be a list' }
  const result: FakeMessageFile[] = []
  for (const file of files) {
    const { type, transfer_method, upload_file_id, url } = (file ?? {}) as Record<string, unknown>
    if (transfer_method === 'local_file') {
      const upload = typeof upload_file_id === 'string' && store.findUpload(upload_file_id, user)
      if (!upload) return { error: 'Invalid upload file' }
      result.push(fromUpload(upload, typeof type === 'string' ? type : 'document'))
    } else if (transfer_method === 'remote_url' && typeof url === 'string') {
      result.push({
        id: crypto.randomUUID(),
        filename: url.split('/').pop() || 'file',
        type: typeof type === 'string' ? type : 'image',
        url,
        mime_type: '',
        size: -1,
        transfer_method: 'remote_url',
        belongs_to: 'user',
        upload_file_id: null,
      })
    } else {
      return { error: 'Invalid file transfer method' }
    }
  }
  return { files: result }
}

/**
 * Inputs as Dify keeps them with the conversation and lists them in `/messages`: each uploaded
 * file mapping becomes Dify's file object (`dify_model_identity`, `related_id`, `filename`, …).
 */
export function storedInputs(
  inputs: Record<string, unknown>,
  store: FakeStore,
  user: string,
): Record<string, unknown> {
  const toObject = (value: unknown): unknown => {
    const { transfer_method, upload_file_id, type } = (value ?? {}) as Record<string, unknown>
    const upload =
      transfer_method === 'local_file' && typeof upload_file_id === 'string'
        ? store.findUpload(upload_file_id, user)
        : undefined
    if (!upload) return value
    return {
      dify_model_identity: '__dify__file__',
      id: null,
      type,
      transfer_method,
      remote_url: null,
      related_id: upload.id,
      filename: upload.name,
      extension: `.${upload.extension}`,
      mime_type: upload.mime_type,
      size: upload.size,
      url: upload.url,
    }
  }
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map(toObject) : toObject(value),
    ]),
  )
}

function fromUpload(upload: FakeUpload, type: string): FakeMessageFile {
  return {
    id: crypto.randomUUID(),
    filename: upload.name,
    type,
    url: upload.url,
    mime_type: upload.mime_type,
    size: upload.size,
    transfer_method: 'local_file',
    belongs_to: 'user',
    upload_file_id: upload.id,
  }
}

const DEMO_CHART_BYTES = new TextEncoder().encode(DEMO_CHART_SVG)
/** The demo chart as a `data:` URL, which the page's CSP lets the browser show. */
export const DEMO_CHART_URL = dataUrl('image/svg+xml', DEMO_CHART_BYTES)

/** A picture "drawn by a tool" (`message_file`, belongs_to assistant). */
export function assistantImage(files: FakeFiles, filename = 'demo-chart.svg'): FakeMessageFile {
  const id = crypto.randomUUID()
  return {
    id,
    filename,
    type: 'image',
    url: files.urlFor('tool', id, {
      mimeType: 'image/svg+xml',
      bytes: DEMO_CHART_BYTES,
      extension: 'svg',
    }),
    mime_type: 'image/svg+xml',
    size: DEMO_CHART_BYTES.length,
    transfer_method: 'tool_file',
    belongs_to: 'assistant',
    upload_file_id: null,
  }
}

const DEMO_NOTES_BYTES = new TextEncoder().encode('Demo notes from the workflow.\n')

/**
 * The files a workflow's End node outputs with `[[file]]` (docs/dify-wire.md#workflows-run): Dify's
 * file objects, a picture and a text file, with the fields the relay trims them to and more.
 */
export function workflowOutputFiles(files: FakeFiles): Array<Record<string, unknown>> {
  const chart = assistantImage(files)
  const notesId = crypto.randomUUID()
  const notes = {
    filename: 'demo-notes.txt',
    type: 'document',
    mime_type: 'text/plain',
    size: DEMO_NOTES_BYTES.length,
    url: files.urlFor('tool', notesId, {
      mimeType: 'text/plain',
      bytes: DEMO_NOTES_BYTES,
      extension: 'txt',
    }),
  }
  return [chart, notes].map((file) => ({
    dify_model_identity: '__dify__file__',
    id: null,
    tenant_id: crypto.randomUUID(),
    related_id: crypto.randomUUID(),
    transfer_method: 'tool_file',
    remote_url: null,
    filename: file.filename,
    extension: `.${file.filename.split('.').pop()}`,
    mime_type: file.mime_type,
    type: file.type,
    size: file.size,
    url: file.url,
  }))
}
