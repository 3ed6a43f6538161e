import type { ChatError } from './chat-error.ts'
import { NETWORK_ERROR, readErrorResponse } from './chat-error.ts'
import { jsonBody, requestEndpoint } from './request-json.ts'

/** What chatskins' server answers for an upload (docs/http-api.md#routes, docs/dify-wire.md#files). */
export interface UploadedFile {
  id: string
  name: string
  size: number
  extension: string
  mime_type: string
}

/** Files and audio through this endpoint's server; every failure rejects with a ChatError. */
export interface MediaApi {
  /** Uploads one file, reporting progress from 0 to 1; abort cancels it. */
  upload(
    file: File,
    onProgress: (fraction: number) => void,
    signal: AbortSignal,
  ): Promise<UploadedFile>
  /** Dify's speech to text of one recording. */
  transcribe(audio: File): Promise<string>
  /** Dify's text to speech: the audio of `text`. */
  speak(text: string, signal?: AbortSignal): Promise<Blob>
}

const ABORTED: ChatError = { code: 'aborted', status: 0, message: 'The upload was cancelled.' }

export function createMediaApi(endpointId: string): MediaApi {
  const base = `/${encodeURIComponent(endpointId)}`
  const form = (file: File) => {
    const body = new FormData()
    body.append('file', file, file.name)
    return body
  }
  return {
    upload(file, onProgress, signal) {
      // XMLHttpRequest, not fetch: only it reports upload progress in every browser.
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest()
        xhr.open('POST', `${base}/api/files/upload`)
        xhr.withCredentials = true
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total)
        }
        xhr.onload = () => {
          const response = new Response(xhr.responseText, {
            status: xhr.status,
            headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? '' },
          })
          if (!response.ok) return void readErrorResponse(response).then(reject)
          response.json().then(
            (uploaded: UploadedFile) => {
              onProgress(1)
              resolve(uploaded)
            },
            () => reject(NETWORK_ERROR),
          )
        }
        xhr.onerror = () => reject(NETWORK_ERROR)
        xhr.onabort = () => reject(ABORTED)
        if (signal.aborted) return reject(ABORTED)
        signal.addEventListener('abort', () => xhr.abort(), { once: true })
        xhr.send(form(file))
      })
    },
    async transcribe(audio) {
      const response = await requestEndpoint(endpointId, '/api/audio-to-text', {
        method: 'POST',
        body: form(audio),
      })
      const { text } = (await response.json()) as { text?: unknown }
      return typeof text === 'string' ? text : ''
    },
    async speak(text, signal) {
      const response = await requestEndpoint(endpointId, '/api/text-to-audio', {
        method: 'POST',
        ...jsonBody({ text }),
        ...(signal ? { signal } : {}),
      })
      return response.blob()
    },
  }
}
