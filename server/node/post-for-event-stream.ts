import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { HttpError } from '../errors.ts'

export interface PostForEventStreamOptions {
  headers: Record<string, string>
  body: string
  signal: AbortSignal
  /** No answer (status line and headers) within this long: 504 `upstream_timeout`. */
  answerTimeoutMs: number
}

/**
 * POSTs to Dify with node:http(s) and resolves with its answer, any status; the caller reads the
 * body. Cheaper per event than fetch, which adds undici's web-stream body. Rejects with an
 * HttpError 502 when Dify cannot be reached, or with the signal's reason when the browser left.
 */
export function postForEventStream(
  url: string,
  options: PostForEventStreamOptions,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    const request = send(target, {
      method: 'POST',
      headers: { ...options.headers, 'Content-Length': Buffer.byteLength(options.body) },
    })
    // The signal is let go once Dify answers: from then on the relay owns both ends.
    const abort = () => request.destroy()
    options.signal.addEventListener('abort', abort, { once: true })
    request.setTimeout(options.answerTimeoutMs, () =>
      request.destroy(
        new HttpError(504, 'upstream_timeout', 'The chat service stopped answering.'),
      ),
    )
    request.on('response', (answer) => {
      options.signal.removeEventListener('abort', abort)
      request.setTimeout(0)
      resolve(answer)
    })
    request.on('error', (error) => {
      options.signal.removeEventListener('abort', abort)
      if (options.signal.aborted) reject(options.signal.reason)
      else if (error instanceof HttpError) reject(error)
      else
        reject(new HttpError(502, 'upstream_unreachable', 'The chat service could not be reached.'))
    })
    request.end(options.body)
  })
}
