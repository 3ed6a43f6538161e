import type { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { deleteHandler, renameHandler, type AutoNameLimit } from './conversation-actions.ts'
import { parametersHandler, stopHandler } from './dify-proxy.ts'
import { conversationsHandler, messagesHandler } from './history-routes.ts'
import { feedbackHandler, suggestedHandler } from './message-actions.ts'
import { textToAudioHandler } from './text-to-audio.ts'
import { audioToTextHandler, uploadHandler } from './upload-routes.ts'

export interface DifyApiRouteOptions {
  /** Cap of a JSON request body. */
  maxBodyBytes: number
  /** Cap of one uploaded file (`files/upload`); Dify's own default is 15 MB for documents. */
  maxUploadBytes: number
  /** Cap of one recording (`audio-to-text`); Dify refuses more than 30 MB (docs/dify-wire.md#audio). */
  maxAudioBytes: number
  /** Counts a rename that asks Dify's LLM for the name; the 429 to answer, or null. */
  autoNameLimit?: AutoNameLimit
}

/**
 * `/:id/api/…`: the rest of the Dify chat surface under Dify's own resource names. Every route
 * adds the key and this visitor's `user` on the server; the browser sends neither, and a `user`
 * it sends anyway is ignored. State changes take JSON (or multipart for files) only.
 */
export function registerDifyApiRoutes(app: Hono<AppEnv>, options: DifyApiRouteOptions): void {
  const { maxBodyBytes } = options
  app.post('/:id/api/chat-messages/:task_id/stop', stopHandler(maxBodyBytes))
  app.get('/:id/api/parameters', parametersHandler)
  app.get('/:id/api/messages', messagesHandler)
  app.get('/:id/api/conversations', conversationsHandler)
  app.post('/:id/api/conversations/:cid/name', renameHandler(maxBodyBytes, options.autoNameLimit))
  app.delete('/:id/api/conversations/:cid', deleteHandler(maxBodyBytes))
  app.post('/:id/api/messages/:mid/feedbacks', feedbackHandler(maxBodyBytes))
  app.get('/:id/api/messages/:mid/suggested', suggestedHandler)
  app.post('/:id/api/files/upload', uploadHandler(options.maxUploadBytes))
  app.post('/:id/api/audio-to-text', audioToTextHandler(options.maxAudioBytes))
  app.post('/:id/api/text-to-audio', textToAudioHandler(maxBodyBytes))
}
