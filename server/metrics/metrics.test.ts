import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../app.ts'
import type { RequestLogEntry } from '../http/request-log.ts'
import { readEvents, startTestStack, type TestStack } from '../integration/test-stack.ts'

const TOKEN = 'metrics-token-for-the-test-0123'
let stack: TestStack
const entries: RequestLogEntry[] = []
beforeAll(async () => {
  // A short idle timeout, so a stalled Dify ends its turn within the test.
  stack = await startTestStack(
    { relay: { ...DEFAULT_LIMITS.relay, idleTimeoutMs: 400, keepAliveMs: 60 } },
    {},
    {
      env: { METRICS_PORT: '0', METRICS_TOKEN: TOKEN },
      log: (line) => {
        if (line.startsWith('{')) entries.push(JSON.parse(line) as RequestLogEntry)
      },
    },
  )
})
afterAll(() => stack.close())

async function scrape(): Promise<Map<string, ParsedFamily>> {
  const response = await fetch(`${stack.server.metricsUrl}/metrics`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return familiesOf(await response.text())
}

/**
 * The parser folds every labelled histogram into one sample and drops its labels; read as
 * untyped, a histogram's `_bucket`, `_sum` and `_count` series keep theirs (interleaved per
 * label set, so a series comes back as several families of one name).
 */
function familiesOf(text: string): Map<string, ParsedFamily> {
  const families = parsePrometheusTextFormat(text.replace(/^# TYPE (\S+) histogram$/gm, ''))
  const byName = new Map<string, ParsedFamily>()
  for (const family of families) {
    const seen = byName.get(family.name)
    if (seen) seen.metrics.push(...family.metrics)
    else byName.set(family.name, family)
  }
  return byName
}

const sum = (family: ParsedFamily | undefined, match: Record<string, string>) =>
  (family?.metrics ?? [])
    .filter((sample) => Object.entries(match).every(([k, v]) => sample.labels?.[k] === v))
    .reduce((total, sample) => total + Number(sample.value), 0)

describe('GET /metrics', () => {
  it('agrees with the request log: requests, turns, bytes relayed and refusals', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await stack.talk('mia', { query: '[[echo]] hello' }, {}, 'limited')
      if (response.status === 200) expect((await readEvents(response)).length).toBeGreaterThan(0)
      else await response.text()
    }
    await (await stack.visit('mia', '/chat/api/parameters')).text()
    await (await stack.visit('mia', '/nowhere/talk', { method: 'POST' })).text()
    const metrics = await scrape()

    const logged = entries.filter((entry) => entry.route !== '/metrics')
    expect(logged.map((entry) => entry.status).sort()).toEqual([200, 200, 200, 404, 429])
    for (const entry of logged) {
      const labels = { route: entry.route, status: String(entry.status), method: entry.method }
      expect(sum(metrics.get('chatskins_http_requests_total'), labels)).toBe(
        logged.filter(
          (other) =>
            other.route === entry.route &&
            other.status === entry.status &&
            other.method === entry.method,
        ).length,
      )
    }
    const talks = logged.filter((entry) => entry.route === '/:id/talk' && entry.status === 200)
    expect(sum(metrics.get('chatskins_turns_total'), { outcome: 'complete' })).toBe(talks.length)
    expect(sum(metrics.get('chatskins_relayed_bytes_total'), { endpoint: 'limited' })).toBe(
      talks.reduce((total, entry) => total + entry.bytes, 0),
    )
    expect(sum(metrics.get('chatskins_rate_limit_refusals_total'), { route: '/:id/talk' })).toBe(1)
    expect(
      sum(metrics.get('chatskins_http_request_duration_seconds_count'), { route: '/:id/talk' }),
    ).toBe(logged.filter((entry) => entry.route === '/:id/talk').length)
    expect(sum(metrics.get('chatskins_streams_open'), {})).toBe(0)
    expect(metrics.get('process_cpu_seconds_total')?.type).toBe('COUNTER')
  })

  it('labels nothing with a visitor, a conversation, an address or a message', async () => {
    const response = await stack.talk('nia', { query: '[[echo]] secret-words-here' })
    const events = await readEvents(response)
    const conversation = String(events.find((event) => event.conversation_id)?.conversation_id)
    const text = await (await fetch(`${stack.server.metricsUrl}/metrics`)).text()
    for (const secret of [
      conversation,
      stack.difyUserOf('nia'),
      'secret-words-here',
      '127.0.0.1',
    ]) {
      expect(text).not.toContain(secret)
    }
    const labelNames = new Set(
      [...familiesOf(text).values()]
        .filter((family) => family.name.startsWith('chatskins_'))
        .flatMap((family) => family.metrics.flatMap((sample) => Object.keys(sample.labels ?? {}))),
    )
    expect([...labelNames].sort()).toEqual([
      'endpoint',
      'le',
      'method',
      'outcome',
      'route',
      'status',
    ])
  })

  it('times Dify’s first byte and the first event, and counts Dify’s refusals and silences', async () => {
    const before = await scrape()
    const count = (metrics: Map<string, ParsedFamily>, name: string, labels = {}) =>
      sum(metrics.get(name), { endpoint: 'chat', ...labels })
    const answered = await stack.talk('ola', { query: '[[first-byte=150]] hello' })
    expect(answered.status).toBe(200)
    await answered.text()
    const refused = await stack.talk('ola', { query: '[[dify-error=provider_quota_exceeded]] hi' })
    expect(refused.status).toBeGreaterThanOrEqual(400)
    await refused.text()
    const stalled = await stack.talk('ola', { query: '[[stall]] hi' })
    expect(await stalled.text()).toContain('upstream_timeout')
    const after = await scrape()

    const firstBytes = 'chatskins_dify_first_byte_seconds_count'
    expect(count(after, firstBytes) - count(before, firstBytes)).toBe(3)
    const firstEvents = 'chatskins_first_event_seconds_count'
    expect(count(after, firstEvents) - count(before, firstEvents)).toBe(2)
    // The answer's first event came after the 150 ms Dify took to start.
    const slowBucket = { le: '0.1' }
    expect(count(after, 'chatskins_first_event_seconds_bucket', slowBucket)).toBe(
      count(before, 'chatskins_first_event_seconds_bucket', slowBucket) + 1,
    )
    expect(count(after, 'chatskins_dify_errors_total', { code: 'provider_quota_exceeded' })).toBe(1)
    expect(count(after, 'chatskins_upstream_timeouts_total')).toBe(1)
  })

  it('answers on the public port only to the METRICS_TOKEN bearer', async () => {
    expect((await fetch(`${stack.server.url}/metrics`)).status).toBe(404)
    const wrong = await fetch(`${stack.server.url}/metrics`, {
      headers: { Authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
    })
    expect(wrong.status).toBe(404)
    const right = await fetch(`${stack.server.url}/metrics`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    })
    expect(right.status).toBe(200)
    expect(await right.text()).toContain('chatskins_http_requests_total')
  })
})

describe('/readyz', () => {
  it('is 503 naming the endpoint whose Dify is unreachable, without its URL or key', async () => {
    const response = await fetch(`${stack.server.url}/readyz`)
    expect(response.status).toBe(503)
    const body = (await response.json()) as { ready: boolean; reasons: string[] }
    expect(body.ready).toBe(false)
    expect(body.reasons).toEqual([
      expect.stringMatching(/^endpoint down: Dify could not be reached/),
    ])
    const text = JSON.stringify(body)
    expect(text).not.toContain('127.0.0.1:9')
    expect(text).not.toContain('app-')
    expect((await fetch(`${stack.server.url}/healthz`)).status).toBe(200)
  })
})
