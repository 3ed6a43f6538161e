import type { FileKind } from './file-kind.ts'

export const MB = 1024 * 1024
/** chatskins' own cap on one file sent to `/api/files/upload`. */
export const SERVER_UPLOAD_MAX_BYTES = 15 * MB
/** chatskins' own cap on one recording sent to `/api/audio-to-text` (Dify refuses more than 30 MB). */
export const SERVER_AUDIO_MAX_BYTES = 30 * MB
/** Dify's size limits when an app's parameters name none (docs/dify-wire.md#files), in MB. */
export const DIFY_DEFAULT_LIMITS_MB: Readonly<Record<Exclude<FileKind, 'custom'>, number>> = {
  image: 10,
  document: 15,
  audio: 50,
  video: 100,
}
