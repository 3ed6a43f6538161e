import type { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { parametersHandler, stopHandler } from './dify-proxy.ts'

export interface DifyApiRouteOptions {
  maxBodyBytes: number
}

/**
 * `/:id/api/…`: the rest of the Dify chat surface under Dify's own resource names. Every route
 * adds the key and this visitor's `user` on the server; the browser sends neither.
 */
export function registerDifyApiRoutes(app: Hono<AppEnv>, options: DifyApiRouteOptions): void {
  app.post('/:id/api/chat-messages/:task_id/stop', stopHandler(options.maxBodyBytes))
  app.get('/:id/api/parameters', parametersHandler)
}
