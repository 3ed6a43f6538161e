import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateConfig } from '../config/validate.ts'
import { startServer, type RunningServer } from '../node/start-server.ts'
import { serveFakeDify, type ServedFakeDify } from '../testing/serve-fake-dify.ts'
import { readEvents } from './test-stack.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TEMPLATE = `<!doctype html><html lang="en"><head><!--chatskins:head--></head><body><!--chatskins:boot--></body></html>`
const ENV = { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'app-types-test-secret-123' }

function configFor(apiBase: string, endpoints: Array<Record<string, unknown>>) {
  return validateConfig(
    {
      endpoints: endpoints.map(({ key, ...endpoint }) => ({
        dify: { apiBase, apiKey: key },
        ...endpoint,
      })),
    },
    { source: 'test.json', themeIds: ['minimal'] },
  )
}

/** A stream read as it arrives: first up to its task id, then to its end. */
function openStream(response: Response) {
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const taskIdIn = () => /"task_id":"([^"]+)"/.exec(text)?.[1]
  return {
    async taskId() {
      while (!taskIdIn()) text += decoder.decode((await reader.read()).value)
      return taskIdIn()!
    },
    async rest() {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return text
        text += decoder.decode(value)
      }
    },
  }
}

describe('app types: mode detection, /run, stops and run details over real HTTP', () => {
  let upstream: ServedFakeDify
  let server: RunningServer
  const jars = new Map<string, string>()
  const visit = async (visitor: string, path: string, init: RequestInit = {}) => {
    const jar = `${visitor} ${path.split('/')[1]}`
    const headers = new Headers(init.headers)
    const cookie = jars.get(jar)
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(`${server.url}${path}`, { ...init, headers })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) jars.set(jar, setCookie.split(';')[0]!)
    return response
  }
  const post = (visitor: string, path: string, body: unknown) =>
    visit(visitor, path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  const bootOf = async (response: Response) =>
    JSON.parse(/id="chatskins-boot">(.*?)<\/script>/s.exec(await response.text())![1]!) as {
      app: string
    }

  beforeAll(async () => {
    upstream = await serveFakeDify({ tokenDelayMs: 2 })
    server = await startServer({
      root: ROOT,
      env: ENV,
      pageTemplate: TEMPLATE,
      log: () => {},
      config: configFor(upstream.apiBase, [
        { id: 'chat', key: 'app-chat' },
        { id: 'writer', key: 'app-completion' },
        { id: 'flow', key: 'app-workflow', app: 'workflow' },
        { id: 'down', dify: { apiBase: 'http://127.0.0.1:9/v1', apiKey: 'app-chat' } },
      ]),
    })
  })
  afterAll(async () => {
    await server?.close(0)
    await upstream?.close()
  })

  it('builds each page for the mode Dify reports', async () => {
    expect((await bootOf(await visit('ann', '/chat/'))).app).toBe('chat')
    expect((await bootOf(await visit('ann', '/writer/'))).app).toBe('completion')
    expect((await bootOf(await visit('ann', '/flow/'))).app).toBe('workflow')
  })

  it('shows a readable page when Dify cannot be reached to learn the mode', async () => {
    const response = await visit('ann', '/down/')
    expect(response.status).toBe(503)
    const html = await response.text()
    expect(html).toContain('can’t be reached')
    expect(html).not.toContain('chatskins-boot')
  })

  it('stops the server at start when the config contradicts Dify, naming the endpoint', async () => {
    await expect(
      startServer({
        root: ROOT,
        env: ENV,
        pageTemplate: TEMPLATE,
        log: () => {},
        config: configFor(upstream.apiBase, [{ id: 'mixed-up', key: 'app-workflow', app: 'chat' }]),
      }),
    ).rejects.toThrow(
      /endpoint mixed-up: the config says "app": "chat" but Dify reports a workflow app/,
    )
  })

  it('streams a completion with its text and token count', async () => {
    await visit('ann', '/writer/')
    const events = await readEvents(await post('ann', '/writer/run', { inputs: { topic: 'Tea' } }))
    const text = events
      .filter((e) => e.event === 'message')
      .map((e) => e.answer)
      .join('')
    expect(text).toContain('**Tea**')
    const end = events.find((e) => e.event === 'message_end')!
    expect(end.metadata).toEqual({ usage: { total_tokens: expect.any(Number) } })
    expect(events.every((e) => !('conversation_id' in e))).toBe(true)
  })

  it('streams a workflow run trimmed to progress and result, never node inputs or prompts', async () => {
    await visit('ann', '/flow/')
    const response = await post('ann', '/flow/run', { inputs: { topic: 'Rain [[echo]]' } })
    const raw = await response.clone().text()
    const events = await readEvents(response)
    expect(raw).not.toContain('sys.user_id')
    expect(raw).not.toContain('secret system prompt')
    expect(raw).not.toContain('process_data')
    const types = new Set(events.map((e) => e.event))
    for (const type of ['workflow_started', 'node_started', 'node_finished', 'text_chunk']) {
      expect(types).toContain(type)
    }
    expect(types).toContain('iteration_started')
    const children = events.filter(
      (e) => e.event === 'node_started' && (e.data as { iteration_id?: string }).iteration_id,
    )
    expect(children).toHaveLength(2)
    const finished = events.find((e) => e.event === 'workflow_finished')!.data as Record<
      string,
      unknown
    >
    expect(finished.status).toBe('succeeded')
    expect(finished.total_steps).toBe('6')
    expect(Object.keys(finished.outputs as object).sort()).toEqual(['text', 'topic', 'words'])
  })

  it('passes a workflow’s output files trimmed, with addresses the browser can open', async () => {
    await visit('ann', '/flow/')
    const events = await readEvents(
      await post('ann', '/flow/run', { inputs: { topic: 'Sun [[file]]' } }),
    )
    const finished = events.find((e) => e.event === 'workflow_finished')!.data as {
      outputs: { files: Array<Record<string, unknown>> }
    }
    const files = finished.outputs.files
    expect(files.map((file) => [file.filename, file.type, file.mime_type])).toEqual([
      ['demo-chart.svg', 'image', 'image/svg+xml'],
      ['demo-notes.txt', 'document', 'text/plain'],
    ])
    for (const file of files) {
      expect(Object.keys(file).sort()).toEqual(
        ['extension', 'filename', 'mime_type', 'size', 'type', 'url'].sort(),
      )
      const download = await fetch(String(file.url))
      expect(download.status).toBe(200)
      expect(download.headers.get('content-type')).toBe(file.mime_type)
    }
  })

  it('reloads a run for its visitor only, inputs as an object without sys values', async () => {
    await visit('ann', '/flow/')
    await visit('bob', '/flow/')
    const events = await readEvents(await post('ann', '/flow/run', { inputs: { topic: 'Snow' } }))
    const runId = events[0]!.workflow_run_id as string
    const mine = await visit('ann', `/flow/api/workflows/run/${runId}`)
    expect(mine.status).toBe(200)
    const detail = (await mine.json()) as Record<string, unknown>
    expect(detail).toMatchObject({ id: runId, status: 'succeeded', total_steps: 6 })
    expect(detail.inputs).toEqual({ topic: 'Snow', tone: 'Friendly' })
    expect((detail.outputs as { text: string }).text).toContain('Snow')
    const theirs = await visit('bob', `/flow/api/workflows/run/${runId}`)
    expect(theirs.status).toBe(404)
    expect(((await theirs.json()) as { code: string }).code).toBe('run_not_found')
  })

  it("refuses to stop another visitor's workflow, and stops the owner's", async () => {
    await visit('ann', '/flow/')
    await visit('bob', '/flow/')
    const response = await post('ann', '/flow/run', { inputs: { topic: 'Long [[slow=40]]' } })
    const stream = openStream(response)
    const taskId = await stream.taskId()
    const stopsBefore = upstream.fake.stops.length
    const foreign = await post('bob', `/flow/api/workflows/tasks/${taskId}/stop`, {})
    expect(foreign.status).toBe(404)
    expect(upstream.fake.stops.length).toBe(stopsBefore)
    const own = await post('ann', `/flow/api/workflows/tasks/${taskId}/stop`, {})
    expect(own.status).toBe(200)
    const text = await stream.rest()
    expect(text).toMatch(/"event":"workflow_finished".*"status":"stopped"/)
  })

  it('stops a completion for its own visitor', async () => {
    await visit('ann', '/writer/')
    const response = await post('ann', '/writer/run', { inputs: { topic: 'Tide [[slow=40]]' } })
    const stream = openStream(response)
    const taskId = await stream.taskId()
    expect((await post('ann', `/writer/api/completion-messages/${taskId}/stop`, {})).status).toBe(
      200,
    )
    const text = await stream.rest()
    expect(text).toContain('"event":"message_end"')
    expect(text).not.toContain('Thank you for trying')
  })

  it('answers bad requests with 4xx JSON errors', async () => {
    await visit('ann', '/chat/')
    const onChat = await post('ann', '/chat/run', { inputs: {} })
    expect(onChat.status).toBe(400)
    expect(((await onChat.json()) as { code: string }).code).toBe('wrong_app_type')
    const noInputs = await post('ann', '/writer/run', {})
    expect(noInputs.status).toBe(400)
    const missing = await post('ann', '/writer/run', { inputs: {} })
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { code: string }).code).toBe('invalid_param')
    const wrongStop = await post('ann', '/writer/api/workflows/tasks/abc/stop', {})
    expect(wrongStop.status).toBe(400)
  })

  it('relays a workflow error event as the error the page shows', async () => {
    await visit('ann', '/flow/')
    const events = await readEvents(
      await post('ann', '/flow/run', { inputs: { topic: 'Oops [[error-event=500]]' } }),
    )
    expect(events.at(-1)).toMatchObject({
      event: 'error',
      status: 500,
      code: 'internal_server_error',
    })
  })
})
