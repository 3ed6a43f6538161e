import { HttpError } from '../errors.ts'

/** The slowest an upload may arrive: at least `minBytes` in every `windowMs` spent waiting for it. */
export interface UploadPace {
  windowMs: number
  minBytes: number
}

/**
 * 8 KB each 10 s (0.8 KB/s): a phone on a poor 2G link still sends tens of KB a second, while a
 * client trickling bytes to keep its upload turn (and a connection to Dify) for hours is cut.
 */
export const MIN_UPLOAD_PACE: UploadPace = { windowMs: 10_000, minBytes: 8 * 1024 }

/**
 * Reads `reader` and refuses a sender slower than `pace` with 408 `upload_too_slow`, cancelling
 * the read. Only the time spent waiting for the sender counts: while the reader is not asked
 * (the request to Dify is slow to take the bytes), the sender is not to blame.
 */
export function pacedReads(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  pace: UploadPace,
): () => Promise<ReadableStreamReadResult<Uint8Array>> {
  let waitedMs = 0
  let bytes = 0
  /** Ends a window; throws when the sender fell short in it. */
  const closeWindow = () => {
    if (bytes < pace.minBytes) throw uploadTooSlow()
    waitedMs = 0
    bytes = 0
  }
  return async () => {
    let countedFrom = Date.now()
    let timer: ReturnType<typeof setTimeout> | undefined
    const tooSlow = new Promise<never>((_, reject) => {
      const check = () => {
        try {
          closeWindow()
          countedFrom = Date.now()
          timer = setTimeout(check, pace.windowMs)
        } catch (error) {
          reject(error)
        }
      }
      timer = setTimeout(check, pace.windowMs - waitedMs)
    })
    try {
      const result = await Promise.race([reader.read(), tooSlow])
      waitedMs += Date.now() - countedFrom
      if (!result.done) bytes += result.value.byteLength
      if (waitedMs >= pace.windowMs) closeWindow()
      return result
    } catch (error) {
      if (error instanceof HttpError) await reader.cancel().catch(() => {})
      throw error
    } finally {
      clearTimeout(timer)
    }
  }
}

function uploadTooSlow(): HttpError {
  return new HttpError(408, 'upload_too_slow', 'The upload arrived too slowly; try again.')
}
