import type { Context, Hono, MiddlewareHandler } from 'hono'
import type { AppKind } from '../../contract/app-kind.ts'
import { isRecord } from '../../contract/guards.ts'
import { runInputsObject } from '../../contract/run-inputs.ts'
import type { AppEnv } from '../app-env.ts'
import type { AppModes } from '../app-mode/app-modes.ts'
import { readUpstreamError } from '../dify/dify-client.ts'
import { difyOriginOf } from '../dify/dify-origin.ts'
import { HttpError } from '../errors.ts'
import { readJsonBody } from '../http/read-json-body.ts'
import { relayDifyStream, type RelayOptions } from '../relay/relay-stream.ts'
import { readUpstreamJson } from '../routes/dify-proxy.ts'
import { STREAM_HEADERS } from '../routes/talk.ts'
import { validateRunBody, type RunLimits } from './run-body.ts'
import { trimOutputs, toRunBrowserEvent } from './run-events.ts'
import { RUN_PATHS } from './run-paths.ts'
import type { TaskOwners } from './task-owners.ts'

export interface RunRouteOptions extends RunLimits {
  maxBodyBytes: number
  relay: Pick<RelayOptions, 'idleTimeoutMs' | 'keepAliveMs' | 'maxRecordBytes'>
  modes: AppModes
  owners: TaskOwners
}

const ID = /^[0-9A-Za-z-]{1,64}$/

/**
 * The text generators' routes (docs/app-types.md): `POST /:id/run` streams a completion or a
 * workflow run, the app type choosing Dify's route; the stops and a workflow run's detail answer
 * only the visitor who started the task, since Dify's workflow routes don't check `user`.
 * `limits` are the costly routes' middlewares (rate limit, stream slot) for `/run`.
 */
export function registerRunRoutes(
  app: Hono<AppEnv>,
  options: RunRouteOptions,
  limits: readonly MiddlewareHandler<AppEnv>[],
): void {
  for (const limit of limits) app.use('/:id/run', limit)
  app.post('/:id/run', runHandler(options))
  app.post('/:id/api/completion-messages/:task_id/stop', stopHandler(options, 'completion'))
  app.post('/:id/api/workflows/tasks/:task_id/stop', stopHandler(options, 'workflow'))
  app.get('/:id/api/workflows/run/:run_id', runDetailHandler(options))
}

async function generatorKind(c: Context<AppEnv>, modes: AppModes, wanted?: AppKind) {
  const mode = await modes.kindOf(c.get('endpoint').config.id)
  if ('problem' in mode) {
    throw new HttpError(503, 'app_unavailable', 'The app behind this page cannot be reached.')
  }
  if (mode.kind === 'chat' || (wanted && mode.kind !== wanted)) {
    throw new HttpError(400, 'wrong_app_type', `This endpoint serves a ${mode.kind} app.`)
  }
  return mode.kind
}

function runHandler(options: RunRouteOptions) {
  return async (c: Context<AppEnv>) => {
    const kind = await generatorKind(c, options.modes)
    const { dify, config } = c.get('endpoint')
    const { user } = c.get('visitor')
    const body = validateRunBody(await readJsonBody(c.req.raw, options.maxBodyBytes), options)
    const json = { inputs: body.inputs, files: body.files, user, response_mode: 'streaming' }
    let taskId: string | undefined
    let releaseStreamSlot: (() => void) | undefined
    const difyOrigin = difyOriginOf(config)
    const relay: RelayOptions = {
      ...options.relay,
      idleTimeoutMs: config.upstreamIdleTimeoutMs ?? options.relay.idleTimeoutMs,
      difyOrigin,
      toBrowserEvent(event) {
        // The run id is known from the first workflow event; its detail is the visitor's alone.
        if (event.event === 'workflow_started' && typeof event.workflow_run_id === 'string') {
          void options.owners.claim(`run:${event.workflow_run_id}`, user)
        }
        return toRunBrowserEvent(event, difyOrigin)
      },
      onTaskId(id) {
        taskId = id
        void options.owners.claim(`task:${id}`, user)
      },
      onFinish({ reason }) {
        releaseStreamSlot?.()
        if (reason !== 'browser_closed' || !taskId) return
        void dify
          .request('POST', RUN_PATHS[kind].stop(taskId), { json: { user } })
          .then((response) => response.body?.cancel())
          .catch(() => {})
      },
    }
    const upstream = await dify.request('POST', RUN_PATHS[kind].run, {
      json,
      signal: c.req.raw.signal,
    })
    if (!upstream.ok || !upstream.body) throw await readUpstreamError(upstream)
    releaseStreamSlot = c.get('streamSlot')?.keepUntilStreamEnds()
    return new Response(relayDifyStream(upstream.body, relay), {
      status: 200,
      headers: STREAM_HEADERS,
    })
  }
}

function stopHandler(options: RunRouteOptions, kind: 'completion' | 'workflow') {
  return async (c: Context<AppEnv>) => {
    await generatorKind(c, options.modes, kind)
    const taskId = c.req.param('task_id') ?? ''
    if (!ID.test(taskId)) throw new HttpError(400, 'invalid_task_id', 'task_id is not valid')
    await readJsonBody(c.req.raw, options.maxBodyBytes)
    const { user } = c.get('visitor')
    if ((await options.owners.ownerOf(`task:${taskId}`)) !== user) {
      throw new HttpError(404, 'task_not_found', 'There is no such run of yours to stop.')
    }
    const upstream = await c.get('endpoint').dify.request('POST', RUN_PATHS[kind].stop(taskId), {
      json: { user },
      signal: c.req.raw.signal,
    })
    await readUpstreamJson(upstream)
    return c.json({ result: 'success' })
  }
}

/**
 * `GET /:id/api/workflows/run/:run_id`: a run the visitor started, for the page to show again
 * after a reload. `inputs` come back as an object whether Dify sends one or a JSON string, without
 * Dify's `sys.*` values; the outputs are trimmed like the stream's.
 */
function runDetailHandler(options: RunRouteOptions) {
  return async (c: Context<AppEnv>) => {
    await generatorKind(c, options.modes, 'workflow')
    const runId = c.req.param('run_id') ?? ''
    if (!ID.test(runId)) throw new HttpError(400, 'invalid_run_id', 'run_id is not valid')
    if ((await options.owners.ownerOf(`run:${runId}`)) !== c.get('visitor').user) {
      throw new HttpError(404, 'run_not_found', 'There is no such run of yours.')
    }
    const { dify, config } = c.get('endpoint')
    const detail = await readUpstreamJson(
      await dify.request('GET', `/workflows/run/${encodeURIComponent(runId)}`, {
        signal: c.req.raw.signal,
      }),
      { notFound: 'run_not_found' },
    )
    if (!isRecord(detail)) {
      throw new HttpError(502, 'upstream_invalid_response', 'The app sent an invalid answer.')
    }
    return c.json(
      {
        id: detail.id,
        status: detail.status,
        inputs: userInputs(detail.inputs),
        outputs: isRecord(detail.outputs)
          ? trimOutputs(detail.outputs, difyOriginOf(config))
          : null,
        error: detail.error ?? null,
        elapsed_time: detail.elapsed_time,
        total_tokens: detail.total_tokens,
        total_steps: detail.total_steps,
        created_at: detail.created_at,
        finished_at: detail.finished_at ?? null,
      },
      200,
      { 'Cache-Control': 'no-store' },
    )
  }
}

/** Dify's run inputs without its `sys.*` values. */
function userInputs(raw: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(runInputsObject(raw)).filter(([name]) => !name.startsWith('sys.')),
  )
}
