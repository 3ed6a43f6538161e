import { createBoundedMap } from './bounded-map.ts'
import { difyError } from './dify-errors.ts'
import { dataUrl } from './fake-media.ts'

/**
 * Where the fake says a file is. `inline` (the in-process demo bot, which no browser can reach):
 * a `data:` URL of the bytes. `relative` (the fake on real HTTP): a signed path as Dify without
 * `FILES_URL` gives it (docs/dify-wire.md#files), `/files/…?timestamp=…&nonce=…&sign=…`, served by
 * `serve` to anyone with the signature, like Dify's signed file URLs.
 */
export type FakeFileUrls = 'inline' | 'relative'

const INLINE_BYTES = 256 * 1024

interface StoredFile {
  mimeType: string
  bytes: Uint8Array
  sign: string
}

export function createFakeFiles(mode: FakeFileUrls) {
  // Only the fake on real HTTP keeps bytes here; bounded like the store (fake-store.ts).
  const files = createBoundedMap<string, StoredFile>({
    maxEntries: 500,
    maxBytes: 128 * 1024 * 1024,
    sizeOf: (file) => file.bytes.length,
  })
  return {
    mode,
    /**
     * The URL of an upload (`/files/<id>/file-preview`) or a tool's file (`/files/tools/<id>.<ext>`).
     * Inline, a large file becomes `fallback` (or an empty download).
     */
    urlFor(
      kind: 'upload' | 'tool',
      id: string,
      file: { mimeType: string; bytes: Uint8Array; extension: string; fallback?: string },
    ): string {
      if (mode === 'inline') {
        if (file.bytes.length <= INLINE_BYTES) return dataUrl(file.mimeType, file.bytes)
        return file.fallback ?? 'data:application/octet-stream;base64,'
      }
      const path =
        kind === 'upload' ? `/files/${id}/file-preview` : `/files/tools/${id}.${file.extension}`
      const sign = crypto.randomUUID().replace(/-/g, '')
      files.set(path, { mimeType: file.mimeType, bytes: file.bytes, sign })
      const timestamp = Math.floor(Date.now() / 1000)
      return `${path}?timestamp=${timestamp}&nonce=${crypto.randomUUID()}&sign=${sign}`
    },
    /** `GET /files/…` outside `/v1`: the bytes for a correctly signed URL, else Dify's 403/404. */
    serve(url: URL): Response {
      const file = files.get(url.pathname)
      if (!file) return difyError(404, 'file_not_found', 'File not found')
      if (url.searchParams.get('sign') !== file.sign) {
        return difyError(403, 'file_access_denied', 'Access denied')
      }
      return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
        headers: { 'Content-Type': file.mimeType, 'Cache-Control': 'private, max-age=300' },
      })
    },
  }
}

export type FakeFiles = ReturnType<typeof createFakeFiles>
