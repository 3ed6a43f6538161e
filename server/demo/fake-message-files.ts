import { DEMO_CHART_SVG, dataUrl } from './fake-media.ts'
import type { FakeMessageFile, FakeStore, FakeUpload } from './fake-store.ts'

/**
 * The `files` of a `/chat-messages` request as the user's `message_files` (dify-api.md §3.1,
 * §3.3): a `local_file` must be an upload of the same `user` (§9), else Dify's 400
 * `invalid_param`; a `remote_url` is listed with its URL.
 */
export function userMessageFiles(
  files: unknown,
  store: FakeStore,
  user: string,
): { files: FakeMessageFile[] } | { error: string } {
  if (files === undefined || files === null) return { files: [] }
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

/** A picture "drawn by a tool" (`message_file`, belongs_to assistant), shown as a `data:` URL. */
export function assistantImage(filename = 'demo-chart.svg'): FakeMessageFile {
  return {
    id: crypto.randomUUID(),
    filename,
    type: 'image',
    url: DEMO_CHART_URL,
    mime_type: 'image/svg+xml',
    size: DEMO_CHART_BYTES.length,
    transfer_method: 'tool_file',
    belongs_to: 'assistant',
    upload_file_id: null,
  }
}
