import type { Hono } from 'hono'
import { FILE_EXTENSIONS } from '../../contract/file-extensions.ts'
import { DIFY_DEFAULT_LIMITS_MB, MB } from '../../contract/upload-limits.ts'
import { difyError } from './dify-errors.ts'
import type { FakeEnv } from './fake-env.ts'
import { DEMO_CHART_URL } from './fake-message-files.ts'
import { readUploadForm } from './fake-request.ts'

const { image: IMAGES, video: VIDEOS, audio: AUDIOS, document: DOCUMENTS } = FILE_EXTENSIONS

/** Dify's default size limits by kind of file (docs/dify-wire.md#files). */
function limitFor(extension: string): number | null {
  if (IMAGES.includes(extension)) return DIFY_DEFAULT_LIMITS_MB.image * MB
  if (VIDEOS.includes(extension)) return DIFY_DEFAULT_LIMITS_MB.video * MB
  if (AUDIOS.includes(extension)) return DIFY_DEFAULT_LIMITS_MB.audio * MB
  if (DOCUMENTS.includes(extension)) return DIFY_DEFAULT_LIMITS_MB.document * MB
  return null
}

/**
 * `POST /files/upload` (multipart `file` + `user`): stores the file for that `user` and answers
 * 201 with Dify's classic file object; errors as docs/dify-wire.md#files.
 */
export function registerFileRoutes(app: Hono<FakeEnv>): void {
  app.post('/files/upload', async (c) => {
    const form = await readUploadForm(c)
    const first = form?.files.find(([name]) => name === 'file')?.[1]
    if (!form || !first) return difyError(400, 'no_file_uploaded', 'Please upload your file.')
    if (form.files.length > 1) return difyError(400, 'too_many_files', 'Only one file is allowed.')
    if (!first.name) {
      return difyError(400, 'filename_not_exists_error', 'The specified filename does not exist.')
    }
    const extension = first.name.includes('.') ? first.name.split('.').pop()!.toLowerCase() : ''
    const limit = limitFor(extension)
    if (limit === null) return difyError(415, 'unsupported_file_type', 'File type not allowed.')
    if (first.size > limit) {
      return difyError(413, 'file_too_large', `File size exceeded. ${first.size} > ${limit}`)
    }
    const store = c.get('store')
    const mimeType = first.type.split(';')[0]!.trim() || 'application/octet-stream'
    const bytes = new Uint8Array(await first.arrayBuffer())
    const upload = {
      id: crypto.randomUUID(),
      name: first.name,
      size: first.size,
      extension,
      mime_type: mimeType,
      created_by: store.endUserId(form.user),
      created_at: store.now(),
    }
    const image = IMAGES.includes(extension) && mimeType.startsWith('image/')
    const url = c.get('files').urlFor('upload', upload.id, {
      mimeType: image ? mimeType : 'application/octet-stream',
      bytes,
      extension,
      ...(image ? { fallback: DEMO_CHART_URL } : {}),
    })
    store.saveUpload({ ...upload, user: form.user, url })
    return c.json(upload, 201)
  })
}
