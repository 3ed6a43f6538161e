import { openEventStream, type TalkResponse } from './endpoint-api.ts'
import { jsonBody, requestEndpoint } from './request-json.ts'

export type GeneratorKind = 'completion' | 'workflow'

export interface RunRequest {
  inputs: Record<string, unknown>
  /** Uploaded files (docs/dify-wire.md#files), for an app with file upload on. */
  files?: Array<Record<string, unknown>>
}

/** A text generator's way to the server (docs/app-types.md#routes); errors are ChatErrors. */
export interface RunApi {
  /** Resolves with the open event stream of one run. */
  run(request: RunRequest, signal: AbortSignal): Promise<TalkResponse>
  stop(taskId: string): Promise<void>
  /** A workflow run's detail, for the page after a reload. */
  runDetail(runId: string): Promise<unknown>
}

const STOP_PATH: Record<GeneratorKind, (taskId: string) => string> = {
  completion: (taskId) => `/api/completion-messages/${encodeURIComponent(taskId)}/stop`,
  workflow: (taskId) => `/api/workflows/tasks/${encodeURIComponent(taskId)}/stop`,
}

export function createRunApi(endpointId: string, kind: GeneratorKind): RunApi {
  return {
    run: (request, signal) => openEventStream(endpointId, '/run', request, signal),
    async stop(taskId) {
      await requestEndpoint(endpointId, STOP_PATH[kind](taskId), {
        method: 'POST',
        ...jsonBody({}),
      })
    },
    async runDetail(runId) {
      const path = `/api/workflows/run/${encodeURIComponent(runId)}`
      return (await requestEndpoint(endpointId, path)).json()
    },
  }
}
