import type { Signal } from '@preact/signals'
import { createMediaApi } from '../api/media-api.ts'
import { createAttachments } from './attachments.ts'
import { createReadAloud } from './read-aloud.ts'
import { canRecord } from './recording-format.ts'
import { appendToDraft, createVoiceInput } from './voice.ts'

export interface MediaOptions {
  endpointId: string
  /** The raw `GET /parameters`. */
  parameters: unknown
  /** The composer's draft: spoken words go at its end. */
  draft: Signal<string>
}

/**
 * Files, voice input and read-aloud for one endpoint, set up from the app's parameters. Loaded
 * only for apps that enable one of them, so plain chats don't download this code.
 */
export function createMedia(options: MediaOptions) {
  const api = createMediaApi(options.endpointId)
  const attachments = createAttachments({ api })
  const voice = createVoiceInput({
    api,
    onText: (text) => (options.draft.value = appendToDraft(options.draft.peek(), text)),
  })
  attachments.configure(options.parameters)
  voice.configure(options.parameters)
  return {
    attachments,
    voice,
    /** Whether this browser can record (microphone API and a format Dify takes). */
    canRecord: canRecord(),
    readAloud: createReadAloud({ api }),
  }
}

export type MediaState = ReturnType<typeof createMedia>
