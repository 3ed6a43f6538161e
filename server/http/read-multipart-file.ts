import { HttpError } from '../errors.ts'
import { boundaryOf, multipartParts } from './multipart-parts.ts'
import { payloadTooLarge, readBodyBytes } from './read-body-bytes.ts'

/** Room for the multipart boundaries, part headers and small fields around the file itself. */
export const MULTIPART_FRAMING_BYTES = 64 * 1024

/**
 * Reads a `multipart/form-data` body holding exactly one file part named `file` of at most
 * `maxFileBytes`, the shape of Dify's `/files/upload` and `/audio-to-text` (docs/dify-wire.md#files,
 * #audio). 415 for any other content type (so only a deliberate multipart post gets here), 413
 * past the cap (the body may exceed it by MULTIPART_FRAMING_BYTES of framing), 400 when the body
 * is not multipart or holds no file or more than one. Text fields are ignored.
 */
export async function readMultipartFile(request: Request, maxFileBytes: number): Promise<File> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data\s*;.*\bboundary=/i.test(contentType)) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'The request body must be multipart/form-data.',
    )
  }
  const tooLarge = () => payloadTooLarge(maxFileBytes, 'The file')
  const bytes = await readBodyBytes(request, maxFileBytes + MULTIPART_FRAMING_BYTES, tooLarge)
  const boundary = boundaryOf(contentType)
  const parts = boundary ? multipartParts(bytes, boundary) : null
  if (!parts)
    throw new HttpError(400, 'invalid_multipart', 'The request body is not valid multipart.')
  const files = parts.filter((part) => part.filename !== undefined)
  if (files.length > 1) throw new HttpError(400, 'too_many_files', 'Only one file is allowed.')
  const part = files[0]
  if (!part || part.name !== 'file') {
    throw new HttpError(400, 'no_file_uploaded', 'Send the file as the multipart part "file".')
  }
  // The one copy: a File the upstream request streams from; the body buffer is let go.
  const file = new File([part.body as Uint8Array<ArrayBuffer>], part.filename!, {
    type: part.contentType,
  })
  if (file.size > maxFileBytes) throw tooLarge()
  return file
}
