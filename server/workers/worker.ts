import type { ExecutionContext, Hono } from 'hono'
import { builtBrands, builtShares, pageTemplate, themePacks } from 'chatskins:build-data'
import type { AppEnv } from '../app-env.ts'
import { errorResponse, HttpError } from '../errors.ts'
import { createWorkerApp, type WorkerBindings } from './worker-app.ts'

export { LimitsCounter } from './limits-counter.ts'

const themes = new Map(themePacks.map((pack) => [pack.manifest.id, pack]))
/** Built on an isolate's first request; vars and secrets change only with a new deployment. */
let built: Hono<AppEnv> | Error | undefined

/**
 * The Cloudflare Workers entry (docs/workers.md). Static files never reach it: the asset layer
 * serves them. A config problem answers every request with a 500 naming the field, and is logged
 * each time, until a deployment fixes it.
 */
export default {
  fetch(
    request: Request,
    bindings: WorkerBindings,
    ctx: ExecutionContext,
  ): Response | Promise<Response> {
    if (!built) {
      try {
        built = createWorkerApp({ bindings, pageTemplate, themes, builtShares, builtBrands })
      } catch (error) {
        built = error as Error
      }
    }
    if (built instanceof Error) {
      // Everything the app checks at start is configuration: the config, its secrets, the packs.
      console.error(`chatskins cannot serve: ${built.message}`)
      return errorResponse(new HttpError(500, 'config_invalid', built.message))
    }
    return built.fetch(request, bindings, ctx)
  },
}
