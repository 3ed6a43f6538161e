import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../app-env.ts'
import type { DifyClient } from '../dify/dify-client.ts'
import { createDifyReachability } from './dify-reachability.ts'
import { readinessHandler, type ReadinessOptions } from './readiness-route.ts'

function readyz(options: ReadinessOptions) {
  const app = new Hono<AppEnv>()
  app.get('/readyz', readinessHandler(options))
  return app.request('/readyz')
}

/** A Dify whose `/parameters` answers `status` (or can't be reached), counting the calls. */
function dify(answer: { status: number } | 'down') {
  const client = {
    calls: 0,
    answer,
    async request() {
      client.calls++
      if (client.answer === 'down') throw new Error('connect ECONNREFUSED 10.0.0.1:443')
      return new Response('{}', { status: client.answer.status })
    },
  }
  return client satisfies DifyClient
}

describe('/readyz', () => {
  it('is 200 when every check passes, 503 with every reason otherwise', async () => {
    const ok = await readyz({ checks: [async () => []], draining: () => false })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ ready: true })
    const not = await readyz({
      checks: [async () => ['redis: not answering'], async () => ['endpoint a: x']],
      draining: () => false,
    })
    expect(not.status).toBe(503)
    expect(await not.json()).toEqual({
      ready: false,
      reasons: ['redis: not answering', 'endpoint a: x'],
    })
  })

  it('says 503 at once when shutdown began, without waiting on any check', async () => {
    const response = await readyz({
      checks: [() => new Promise(() => {})],
      draining: () => true,
    })
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ ready: false, reasons: ['shutting down'] })
  })
})

describe('Dify reachability', () => {
  it('asks /parameters at most every third of the window and forgets Dify after the window', async () => {
    let now = 0
    const chat = dify({ status: 200 })
    const check = createDifyReachability(new Map([['chat', { dify: chat }]]), {
      maxAgeSeconds: 30,
      now: () => now,
    })
    expect(await check()).toEqual([])
    now = 5_000
    expect(await check()).toEqual([])
    expect(chat.calls).toBe(1)
    chat.answer = 'down'
    now = 10_000
    expect(await check()).toEqual([]) // reached 10 s ago: still ready
    expect(chat.calls).toBe(2)
    now = 31_000
    const reasons = await check()
    expect(reasons).toEqual(['endpoint chat: Dify could not be reached (none in the last 30 s)'])
    expect(reasons.join()).not.toContain('10.0.0.1')
    chat.answer = { status: 200 }
    now = 42_000
    expect(await check()).toEqual([])
  })

  it('counts an error status (a wrong key) as not reached, naming the status', async () => {
    const check = createDifyReachability(new Map([['shop', { dify: dify({ status: 401 }) }]]))
    expect(await check()).toEqual(['endpoint shop: Dify answered HTTP 401 (none in the last 30 s)'])
  })
})
