import { HttpError } from '../errors.ts'
import {
  boundaryOf,
  invalidMultipart,
  multipartEvents,
  type MultipartEvent,
} from './multipart-stream.ts'
import { payloadTooLarge } from './read-body-bytes.ts'
import { MIN_UPLOAD_PACE, pacedReads, type UploadPace } from './upload-pace.ts'

/** Room for the multipart boundaries, part headers and small fields around the file itself. */
export const MULTIPART_FRAMING_BYTES = 64 * 1024

export interface StreamedUpload {
  filename: string
  /** As the browser declared it; empty when it declared none. */
  contentType: string
  /**
   * The file's bytes as they arrive, counted. Errors with the HttpError that ended the upload
   * (413, 400) once its cap is passed or the rest of the body turns out wrong.
   */
  body: ReadableStream<Uint8Array>
  /** That HttpError, once the body has ended with it. */
  failure(): HttpError | undefined
}

export interface StreamedUploadOptions {
  maxFileBytes: number
  /** The slowest the body may arrive (default MIN_UPLOAD_PACE); slower is a 408. */
  pace?: UploadPace
  /** Told when the upload fails while its bytes are on their way, to abort where they go. */
  onFailure?: (error: HttpError) => void
}

/**
 * Opens a `multipart/form-data` body that must hold exactly one file part named `file` of at
 * most `maxFileBytes`, the shape of Dify's `/files/upload` and `/audio-to-text`
 * (docs/dify-wire.md#files, #audio), without collecting it: resolves once the file part's
 * headers have arrived, with its bytes as a stream to send on. Refused before any byte is
 * passed on: 415 for another content type, 413 for a declared length past the cap (plus
 * MULTIPART_FRAMING_BYTES), 400 for a body that is not multipart or whose first file part is
 * not `file`. While the bytes pass: 413 past the cap, 400 for a second file or a broken or
 * interrupted body. Text fields are ignored.
 */
export async function openStreamedUpload(
  request: Request,
  options: StreamedUploadOptions,
): Promise<StreamedUpload> {
  const contentType = request.headers.get('content-type') ?? ''
  const boundary = /^multipart\/form-data\s*;/i.test(contentType) && boundaryOf(contentType)
  if (!boundary) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'The request body must be multipart/form-data.',
    )
  }
  const { maxFileBytes } = options
  const tooLarge = () => payloadTooLarge(maxFileBytes, 'The file')
  const maxBodyBytes = maxFileBytes + MULTIPART_FRAMING_BYTES
  if (Number(request.headers.get('content-length') ?? '0') > maxBodyBytes) throw tooLarge()
  if (!request.body) throw invalidMultipart()
  const source = countedChunks(
    request.body,
    maxBodyBytes,
    tooLarge,
    options.pace ?? MIN_UPLOAD_PACE,
  )
  const events = multipartEvents(source.chunks, boundary)
  const part = await firstFilePart(events).catch(async (error: unknown) => {
    await source.cancel()
    throw error
  })
  if (part.name !== 'file') {
    await source.cancel()
    throw noFile()
  }

  let failure: HttpError | undefined
  let size = 0
  let inFile = true
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const next = await events.next()
            if (next.done) return controller.close()
            const event = next.value
            if (event.kind === 'part') {
              if (event.filename !== undefined) throw tooManyFiles()
              inFile = false
            } else if (inFile) {
              size += event.bytes.byteLength
              if (size > maxFileBytes) throw tooLarge()
              return controller.enqueue(event.bytes)
            }
          }
        } catch (error) {
          failure = error instanceof HttpError ? error : invalidMultipart()
          await source.cancel()
          options.onFailure?.(failure)
          throw failure
        }
      },
      cancel: source.cancel,
    },
    { highWaterMark: 0 },
  )
  return { filename: part.filename!, contentType: part.contentType, body, failure: () => failure }
}

async function firstFilePart(events: AsyncGenerator<MultipartEvent, void>) {
  for (;;) {
    const next = await events.next()
    if (next.done) throw noFile()
    if (next.value.kind === 'part' && next.value.filename !== undefined) return next.value
  }
}

/**
 * The body's chunks, refusing more than `maxBytes` in all (whatever Content-Length said) and a
 * sender slower than `pace` (408), and turning a connection that breaks off into a 400, never an
 * unhandled error.
 */
function countedChunks(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => HttpError,
  pace: UploadPace,
): { chunks: AsyncIterator<Uint8Array>; cancel: () => Promise<void> } {
  const reader = body.getReader()
  const read = pacedReads(reader, pace)
  let total = 0
  return {
    chunks: {
      async next() {
        const { done, value } = await read().catch((error: unknown) => {
          throw error instanceof HttpError ? error : uploadInterrupted()
        })
        if (done) return { done: true, value: undefined }
        total += value.byteLength
        if (total > maxBytes) throw tooLarge()
        return { done: false, value }
      },
    },
    // Also ends a read that is waiting for bytes.
    cancel: () => reader.cancel().catch(() => {}),
  }
}

export function uploadInterrupted(): HttpError {
  return new HttpError(400, 'upload_interrupted', 'The upload broke off before its end.')
}

function noFile(): HttpError {
  return new HttpError(400, 'no_file_uploaded', 'Send the file as the multipart part "file".')
}

function tooManyFiles(): HttpError {
  return new HttpError(400, 'too_many_files', 'Only one file is allowed.')
}
