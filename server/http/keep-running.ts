import type { Context } from 'hono'

/**
 * Lets `work` finish after the response is over. Workers end a request's work with it unless told
 * (`waitUntil`); Node has no execution context and lets the promise run on by itself.
 */
export function keepRunning(c: Context, work: Promise<unknown>): void {
  let executionCtx: Context['executionCtx']
  try {
    executionCtx = c.executionCtx
  } catch {
    return
  }
  executionCtx.waitUntil(work)
}
