import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_APPS } from '../demo/fake-apps.ts'
import { serveFakeDify, type ServedFakeDify } from '../testing/serve-fake-dify.ts'
import { answerOf, readEvents } from '../integration/test-stack.ts'
import { runInstance, type RunningInstance } from './run-instance.ts'
import { runNginx, type RunningNginx } from './run-nginx.ts'
import { runRedis, type RunningRedis } from './run-redis.ts'

/**
 * Two chatskins processes with one SESSION_SECRET, behind Debian's nginx running
 * deploy/nginx.conf, sharing a redis-server, all on loopback; the fake Dify plays the upstream.
 */
let upstream: ServedFakeDify
let redis: RunningRedis
let instances: RunningInstance[] = []
let nginx: RunningNginx
let configDir: string
/** What every instance runs with; a test may start one more. */
let instanceEnv: Record<string, string>
/** An answer of 30 tokens: the fake echoes a query word by word. */
const WORDS = Array.from({ length: 30 }, (_, i) => `word${i}`)

beforeAll(async () => {
  upstream = await serveFakeDify({ tokenDelayMs: 2, apps: FAKE_APPS })
  redis = await runRedis()
  configDir = mkdtempSync(join(tmpdir(), 'chatskins-fleet-'))
  const configFile = join(configDir, 'chatskins.json')
  writeFileSync(
    configFile,
    JSON.stringify({
      redis: { url: '${REDIS_URL}' },
      endpoints: [
        { id: 'chat', dify: { apiBase: upstream.apiBase, apiKey: 'app-chat' } },
        {
          id: 'limited',
          dify: { apiBase: upstream.apiBase, apiKey: 'app-chat' },
          rateLimit: { perVisitorPerMinute: 4, perIpPerMinute: 100, streamsPerVisitor: 2 },
        },
        {
          id: 'per-ip',
          dify: { apiBase: upstream.apiBase, apiKey: 'app-chat' },
          rateLimit: { perVisitorPerMinute: 100, perIpPerMinute: 3, streamsPerVisitor: 2 },
        },
        {
          id: 'flow',
          app: 'workflow',
          dify: { apiBase: upstream.apiBase, apiKey: 'app-workflow' },
        },
      ],
    }),
  )
  const env = (instanceEnv = {
    CHATSKINS_CONFIG: configFile,
    REDIS_URL: redis.url,
    SESSION_SECRET: 'fleet-test-secret-shared-by-both',
    TRUST_PROXY: '1',
    SHUTDOWN_GRACE_MS: '0',
  })
  instances = await Promise.all([runInstance(env), runInstance(env)])
  nginx = await runNginx([instances[0]!.address, instances[1]!.address])
}, 60_000)

afterAll(async () => {
  await nginx?.stop()
  await Promise.all(instances.map((instance) => instance.stop()))
  await redis?.stop()
  await upstream?.close()
  rmSync(configDir, { recursive: true, force: true })
})

/** A browser through nginx (or straight to one instance, `via` its URL): one cookie jar. */
function visitor() {
  let cookie = ''
  const send = async (path: string, init: RequestInit = {}, via = nginx.url) => {
    const headers = new Headers(init.headers)
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(`${via}${path}`, { ...init, headers })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) cookie = setCookie.split(';')[0]!
    return response
  }
  return {
    talk: (body: unknown, endpoint = 'chat') =>
      send(`/${endpoint}/talk`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    send,
  }
}

/** Which instance logged the request (its log entry is written when the response ends). */
async function servedBy(response: Response): Promise<number> {
  const id = response.headers.get('x-request-id')!
  let found = -1
  await expect
    .poll(() => (found = instances.findIndex((instance) => instance.requestIds().includes(id))))
    .toBeGreaterThanOrEqual(0)
  return found
}

describe('a fleet of two behind nginx, sharing Redis', () => {
  it('continues a visitor’s conversation when the balancer switches instances', async () => {
    const ann = visitor()
    await (await ann.send('/chat/')).text()
    const first = await ann.talk({ query: '[[echo]] first' })
    const events = await readEvents(first)
    const conversationId = events.find((event) => event.conversation_id)?.conversation_id
    expect(conversationId).toBeTruthy()
    const served = new Set([await servedBy(first)])
    for (const word of ['second', 'third']) {
      const next = await ann.talk({ query: `[[echo]] ${word}`, conversation_id: conversationId })
      const nextEvents = await readEvents(next)
      expect(next.status).toBe(200)
      expect(answerOf(nextEvents)).toBe(word)
      expect(nextEvents.find((event) => event.conversation_id)?.conversation_id).toBe(
        conversationId,
      )
      served.add(await servedBy(next))
    }
    expect(served).toEqual(new Set([0, 1]))
    const history = await ann.send(`/chat/api/messages?conversation_id=${conversationId}`)
    expect(history.status).toBe(200)
    const { data } = (await history.json()) as { data: Array<{ query: string }> }
    expect(data.map((message) => message.query)).toEqual(['first', 'second', 'third'])
  })

  it('adds the limits up across instances, not per instance', async () => {
    const bo = visitor()
    const served = new Set<number>()
    for (let i = 0; i < 4; i++) {
      const response = await bo.talk({ query: `[[echo]] ${i}` }, 'limited')
      expect(response.status).toBe(200)
      await response.text()
      served.add(await servedBy(response))
    }
    expect(served).toEqual(new Set([0, 1]))
    for (let i = 0; i < 2; i++) {
      const refused = await bo.talk({ query: 'one more' }, 'limited')
      expect(refused.status).toBe(429)
      expect(await refused.json()).toMatchObject({ code: 'rate_limited' })
    }
  })

  it('counts each client by the address nginx saw, whatever X-Forwarded-For it sends', async () => {
    const ask = (forwardedFor: string) =>
      visitor().send('/per-ip/talk', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
        body: JSON.stringify({ query: '[[echo]] hi' }),
      })
    for (let i = 0; i < 3; i++) {
      const response = await ask(`203.0.113.${i}`)
      expect(response.status).toBe(200)
      await response.text()
    }
    const spoofed = await ask('198.51.100.7')
    expect(spoofed.status).toBe(429)
    await spoofed.text()
  })

  it('passes answer events through nginx one by one, as they are written', async () => {
    const cy = visitor()
    const response = await cy.talk({
      query: `[[echo]] [[slow=60]] ${WORDS.slice(0, 10).join(' ')}`,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(response.headers.get('content-encoding')).toBeNull()
    const reader = response.body!.getReader()
    const arrivals: number[] = []
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (new TextDecoder().decode(value).includes('"event":"message"')) {
        arrivals.push(performance.now())
      }
    }
    // Buffered, the events would arrive in one or two reads at the end.
    expect(arrivals.length).toBeGreaterThanOrEqual(5)
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!)
    expect(gaps.filter((gap) => gap >= 30).length).toBeGreaterThanOrEqual(arrivals.length / 2)
  })

  it('checks a workflow stop sent to another instance against the visitor who started the run', async () => {
    const [a, b] = instances as [RunningInstance, RunningInstance]
    const ann = visitor()
    const bob = visitor()
    await (await ann.send('/flow/', {}, a.url)).text()
    await (await bob.send('/flow/', {}, b.url)).text()
    const post = (body: unknown) => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    const run = await ann.send(
      '/flow/run',
      post({ inputs: { topic: '[[slow=100]] tides' } }),
      a.url,
    )
    expect(run.status).toBe(200)
    const reader = run.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    while (!/"task_id":"([^"]+)"/.test(text)) text += (await reader.read()).value ?? ''
    const taskId = /"task_id":"([^"]+)"/.exec(text)![1]!
    const stopPath = `/flow/api/workflows/tasks/${taskId}/stop`

    const refused = await bob.send(stopPath, post({}), b.url)
    expect(refused.status).toBe(404)
    expect(await refused.json()).toMatchObject({ code: 'task_not_found' })
    expect(upstream.fake.stops.filter((stop) => stop.taskId === taskId)).toEqual([])

    const stopped = await ann.send(stopPath, post({}), b.url)
    expect(stopped.status).toBe(200)
    expect(await stopped.json()).toEqual({ result: 'success' })
    expect(upstream.fake.stops.filter((stop) => stop.taskId === taskId)).toHaveLength(1)
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += value
    }
    expect(text).toMatch(/"event":"workflow_finished".*"status":"stopped"/)
  })

  it('keeps serving when one instance dies mid-answer, and the visitor’s next message works', async () => {
    const di = visitor()
    await (await di.send('/chat/')).text()
    // Two answers at once: round robin puts one on each instance.
    const streams = await Promise.all([
      di.talk({ query: `[[echo]] [[slow=100]] ${WORDS.join(' ')}` }),
      di.talk({ query: `[[echo]] [[slow=100]] ${WORDS.join(' ')}` }),
    ])
    for (const stream of streams) expect(stream.status).toBe(200)
    const victim = instances[0]!
    await victim.kill()
    const ends = await Promise.all(
      streams.map((stream) =>
        stream.text().then(
          (text) => (text.includes('"event":"message_end"') ? 'complete' : 'cut'),
          () => 'cut',
        ),
      ),
    )
    expect(ends.sort()).toEqual(['complete', 'cut'])
    for (let i = 0; i < 3; i++) {
      const next = await di.talk({ query: `[[echo]] after ${i}` })
      expect(next.status).toBe(200)
      expect(answerOf(await readEvents(next))).toBe(`after ${i}`)
    }
  })

  it('loses no request while Redis is down, and counts in Redis again once it is back', async () => {
    const ed = visitor()
    await redis.kill()
    for (let i = 0; i < 4; i++) {
      const response = await ed.talk({ query: `[[echo]] down ${i}` })
      expect(response.status).toBe(200)
      expect(answerOf(await readEvents(response))).toBe(`down ${i}`)
    }
    const alive = instances.find((instance) => instance !== instances[0])!
    expect(alive.output()).toMatch(/Redis failed.*per process/)
    expect(alive.output().match(/Redis failed/g)).toHaveLength(1)
    await redis.restart()
    await expect
      .poll(
        async () => {
          const response = await ed.talk({ query: '[[echo]] back' })
          expect(response.status).toBe(200)
          await response.text()
          return /Redis is back/.test(alive.output())
        },
        { timeout: 10_000 },
      )
      .toBe(true)
  })

  it('drains an instance on SIGTERM: nginx keeps serving through it, then around it', async () => {
    const survivor = instances[1]!
    const drainer = await runInstance({ ...instanceEnv, SHUTDOWN_GRACE_MS: '5000' })
    const proxy = await runNginx([drainer.address, survivor.address])
    let stopped: Promise<void> | undefined
    try {
      const fi = visitor()
      const through = (path: string, init?: RequestInit) => fi.send(path, init, proxy.url)
      await (await through('/chat/')).text()
      const talk = (query: string) =>
        through('/chat/talk', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ query }),
        })
      // Two answers at once: round robin puts one on each instance.
      const long = `[[echo]] [[slow=60]] ${WORDS.slice(0, 20).join(' ')}`
      const streams = await Promise.all([talk(long), talk(long)])
      for (const stream of streams) expect(stream.status).toBe(200)
      stopped = drainer.stop()
      await expect.poll(() => drainer.output(), { timeout: 5000 }).toContain('SIGTERM: draining')
      const probe = await fetch(`${drainer.url}/readyz`)
      expect(probe.status).toBe(503)
      expect(await probe.json()).toEqual({ ready: false, reasons: ['shutting down'] })
      for (let i = 0; i < 4; i++) {
        const next = await talk(`[[echo]] during ${i}`)
        expect(next.status).toBe(200)
        expect(answerOf(await readEvents(next))).toBe(`during ${i}`)
      }
      // Unlike a crash, no answer is cut.
      for (const stream of streams) expect(answerOf(await readEvents(stream))).toContain('word19')
      await stopped
      for (let i = 0; i < 2; i++) {
        const next = await talk(`[[echo]] after ${i}`)
        expect(next.status).toBe(200)
        expect(answerOf(await readEvents(next))).toBe(`after ${i}`)
      }
    } finally {
      await proxy.stop()
      await (stopped ?? drainer.stop())
    }
  }, 30_000)
})
