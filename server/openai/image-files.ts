import type { DifyClient } from '../dify/dify-client.ts'
import { readUpstreamJson } from '../routes/dify-proxy.ts'
import { badRequest } from './openai-error.ts'

export interface DifyFile {
  type: 'image'
  transfer_method: 'remote_url' | 'local_file'
  url?: string
  upload_file_id?: string
}

export interface ImageFileOptions {
  dify: DifyClient
  /** The Dify user the upload belongs to: it must be the one who sends the message. */
  user: string
  maxUploadBytes: number
  signal: AbortSignal
}

const DATA_URL = /^data:(image\/[a-z0-9.+-]+);base64,(.*)$/is

/**
 * The `image_url` parts of the new message as Dify `files` (docs/dify-wire.md#chat-messages): a web URL goes as
 * `remote_url` for Dify to fetch; a `data:` URL is uploaded first through `/files/upload` as the
 * sending user (§3.12), like the browser's uploads, and goes as `local_file`.
 */
export async function imageFiles(urls: readonly string[], options: ImageFileOptions) {
  const files: DifyFile[] = []
  for (const url of urls) {
    const inline = DATA_URL.exec(url)
    if (!inline) {
      files.push({ type: 'image', transfer_method: 'remote_url', url })
      continue
    }
    files.push({
      type: 'image',
      transfer_method: 'local_file',
      upload_file_id: await upload(inline[1]!.toLowerCase(), inline[2]!, options),
    })
  }
  return files
}

async function upload(mimeType: string, base64: string, options: ImageFileOptions) {
  // Base64 is 4 characters per 3 bytes: refuse before decoding anything too large.
  if ((base64.length * 3) / 4 > options.maxUploadBytes + 3) {
    throw badRequest(
      `An inline image is larger than ${options.maxUploadBytes} bytes.`,
      'messages',
      'image_too_large',
    )
  }
  let bytes: Uint8Array<ArrayBuffer>
  try {
    bytes = Uint8Array.from(atob(base64.replace(/\s+/g, '')), (char) => char.charCodeAt(0))
  } catch {
    throw badRequest('An inline image is not valid base64.', 'messages', 'invalid_image_url')
  }
  const form = new FormData()
  const extension = mimeType.split('/')[1]!.replace(/\+.*$/, '')
  form.append('file', new Blob([bytes], { type: mimeType }), `image.${extension}`)
  form.append('user', options.user)
  const response = await options.dify.request('POST', '/files/upload', {
    body: form,
    signal: options.signal,
  })
  const file = (await readUpstreamJson(response)) as { id?: unknown }
  if (typeof file?.id !== 'string') throw new Error('Dify answered an upload without an id')
  return file.id
}
