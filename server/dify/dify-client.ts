import { HttpError } from '../errors.ts'

export interface DifyClientOptions {
  apiBase: string
  apiKey: string
  /** The fetch to reach Dify with; the demo passes its in-process app here. */
  fetch?: (request: Request) => Promise<Response>
}

export interface DifyRequest {
  query?: Record<string, string | undefined>
  json?: unknown
  body?: BodyInit
  /** The Content-Type of `body` where the body can't carry it itself (a stream). */
  contentType?: string
  signal?: AbortSignal
}

export interface DifyClient {
  /**
   * Calls `{apiBase}{path}` with the app key. Resolves with any HTTP response, error statuses
   * included; rejects with an HttpError 502 only when Dify cannot be reached at all.
   */
  request(method: string, path: string, request?: DifyRequest): Promise<Response>
}

/** What a Dify request sends (URL, key header, body): built here only, whichever path sends it. */
export function outgoingDifyRequest(
  target: Pick<DifyClientOptions, 'apiBase' | 'apiKey'>,
  path: string,
  { query, json, body, contentType }: DifyRequest = {},
): DifyOutgoing {
  const url = new URL(`${target.apiBase}${path}`)
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, value)
  }
  const headers: Record<string, string> = { Authorization: `Bearer ${target.apiKey}` }
  if (json !== undefined) headers['Content-Type'] = 'application/json'
  else if (contentType) headers['Content-Type'] = contentType
  return { url, headers, body: json !== undefined ? JSON.stringify(json) : body }
}

export interface DifyOutgoing {
  url: URL
  headers: Record<string, string>
  body: BodyInit | undefined
}

/**
 * Node's fetch (undici) clones a request that could follow a redirect, and the clone tees a
 * streamed body: the branch it did not send kept every byte of an upload until the request was
 * collected (98 to 123 MB for four 30 MB recordings to a slow Dify). A request without a window
 * that refuses redirects is sent as it is. workerd throws on `redirect: 'error'`, so there the
 * request is sent as before.
 */
const UNCLONED: RequestInit = (() => {
  const init: RequestInit = { redirect: 'error', window: null }
  try {
    new Request('http://127.0.0.1/', init)
    return init
  } catch {
    return {}
  }
})()

export function createDifyClient(options: DifyClientOptions): DifyClient {
  const send = options.fetch ?? ((request: Request) => fetch(request))
  return {
    async request(method, path, request = {}) {
      const { signal } = request
      const { url, headers, body } = outgoingDifyRequest(options, path, request)
      const init: RequestInit = { method, headers, signal: signal ?? null }
      if (body !== undefined) init.body = body
      // A streamed body (an upload passed through) is sent as it is read.
      if (body instanceof ReadableStream) Object.assign(init, { duplex: 'half' }, UNCLONED)
      try {
        return await send(new Request(url, init))
      } catch (error) {
        if (signal?.aborted) throw error
        throw new HttpError(502, 'upstream_unreachable', 'The chat service could not be reached.')
      }
    },
  }
}

/**
 * Turns a non-2xx Dify response into an HttpError. A Dify JSON envelope (docs/dify-wire.md#error-envelope) keeps
 * its status, code and message; anything else (an HTML page from a reverse proxy) becomes a
 * generic "unavailable" error with the same status, never the raw body.
 */
export async function readUpstreamError(response: Response): Promise<HttpError> {
  const text = await response.text().catch(() => '')
  const envelope = parseEnvelope(text)
  if (envelope) return new HttpError(response.status, envelope.code, envelope.message)
  const status = response.status >= 400 && response.status <= 599 ? response.status : 502
  return new HttpError(status, 'upstream_unavailable', 'The chat service is unavailable right now.')
}

function parseEnvelope(text: string): { code: string; message: string } | null {
  try {
    const value: unknown = JSON.parse(text)
    if (
      value &&
      typeof value === 'object' &&
      typeof (value as { code?: unknown }).code === 'string'
    ) {
      const { code, message } = value as { code: string; message?: unknown }
      return { code, message: typeof message === 'string' ? message : '' }
    }
  } catch {
    // Not JSON: handled as an unavailable upstream by the caller.
  }
  return null
}

/**
 * Dify's stop for one streaming task (docs/dify-wire.md#stop). Dify acts only when `user` started the
 * task, and answers 200 either way.
 */
export function stopDifyTask(
  dify: DifyClient,
  taskId: string,
  user: string,
  signal?: AbortSignal,
): Promise<Response> {
  return dify.request('POST', `/chat-messages/${encodeURIComponent(taskId)}/stop`, {
    json: { user },
    ...(signal ? { signal } : {}),
  })
}
