import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { RequestLogEntry } from '../http/request-log.ts'
import type { TurnObserver } from '../routes/turn-observer.ts'
import type { LimitsStore } from '../security/limits-store.ts'

const TALK_ROUTE = '/:id/talk'
/** Dify's codes are short snake_case words; anything else, or past this many, is `other`. */
const ERROR_CODE = /^[a-z][a-z0-9_]{0,47}$/
const MAX_ERROR_CODES = 64
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60]

/**
 * chatskins' Prometheus metrics. Requests, turns and bytes come from the request log's entries
 * (`observeRequest`), so the log and the metrics can't disagree. Labels are config-bounded
 * (endpoint id, route pattern, method, status, outcome): never a visitor, conversation, IP or text.
 */
export function createPrometheusMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new Counter({
    name: 'chatskins_http_requests_total',
    help: 'Requests answered, by endpoint, method, route pattern and status.',
    labelNames: ['endpoint', 'method', 'route', 'status'] as const,
    registers: [registry],
  })
  const durations = new Histogram({
    name: 'chatskins_http_request_duration_seconds',
    help: 'Until the last byte left (a streamed answer: the whole stream).',
    labelNames: ['endpoint', 'method', 'route'] as const,
    buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  })
  const turns = new Counter({
    name: 'chatskins_turns_total',
    help: 'Answers streamed on /talk, by how the stream ended: complete, aborted or error.',
    labelNames: ['endpoint', 'outcome'] as const,
    registers: [registry],
  })
  const relayed = new Counter({
    name: 'chatskins_relayed_bytes_total',
    help: 'Bytes of answers streamed to browsers on /talk.',
    labelNames: ['endpoint'] as const,
    registers: [registry],
  })
  const refusals = new Counter({
    name: 'chatskins_rate_limit_refusals_total',
    help: 'Requests refused with 429 (request budget or concurrent-stream cap).',
    labelNames: ['endpoint', 'route'] as const,
    registers: [registry],
  })
  const streamsOpen = new Gauge({
    name: 'chatskins_streams_open',
    help: 'Answers this instance is streaming now (stream slots held).',
    registers: [registry],
  })
  const difyFirstByte = new Histogram({
    name: 'chatskins_dify_first_byte_seconds',
    help: 'From a /talk request to Dify answering with headers.',
    labelNames: ['endpoint'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  const firstEvent = new Histogram({
    name: 'chatskins_first_event_seconds',
    help: 'From a /talk request to its first answer event going to the browser.',
    labelNames: ['endpoint'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  const difyErrors = new Counter({
    name: 'chatskins_dify_errors_total',
    help: 'Turns Dify refused before streaming, by its error code.',
    labelNames: ['endpoint', 'code'] as const,
    registers: [registry],
  })
  const upstreamTimeouts = new Counter({
    name: 'chatskins_upstream_timeouts_total',
    help: 'Turns ended because Dify fell silent for the idle timeout.',
    labelNames: ['endpoint'] as const,
    registers: [registry],
  })
  const seenCodes = new Set<string>()
  const codeLabel = (code: string) => {
    if (!ERROR_CODE.test(code)) return 'other'
    if (!seenCodes.has(code) && seenCodes.size >= MAX_ERROR_CODES) return 'other'
    seenCodes.add(code)
    return code
  }
  const turnObserver: TurnObserver = {
    difyFirstByte: (endpoint, seconds) => difyFirstByte.observe({ endpoint }, seconds),
    firstEvent: (endpoint, seconds) => firstEvent.observe({ endpoint }, seconds),
    difyError: (endpoint, code) => difyErrors.inc({ endpoint, code: codeLabel(code) }),
    upstreamTimeout: (endpoint) => upstreamTimeouts.inc({ endpoint }),
  }
  const redisFallbacks = new Counter({
    name: 'chatskins_redis_fallbacks_total',
    help: 'Redis outages during which the limits counted per process.',
    registers: [registry],
  })

  return {
    /** Counts one request-log entry: the same record the log line is written from. */
    observeRequest(entry: RequestLogEntry) {
      const endpoint = entry.endpoint ?? ''
      const { method, route } = entry
      requests.inc({ endpoint, method, route, status: String(entry.status) })
      durations.observe({ endpoint, method, route }, entry.duration_ms / 1000)
      if (entry.status === 429) refusals.inc({ endpoint, route })
      if (route === TALK_ROUTE && entry.status === 200) {
        turns.inc({ endpoint, outcome: entry.outcome })
        relayed.inc({ endpoint }, entry.bytes)
      }
    },
    turnObserver,
    /** For the fallback store's `onOutage`. */
    redisFallback: () => redisFallbacks.inc(),
    /** The same store, keeping `chatskins_streams_open` at the stream slots this process holds. */
    countingStreams(store: LimitsStore): LimitsStore {
      return {
        ...store,
        async openSlot(scope, key, max) {
          const release = await store.openSlot(scope, key, max)
          if (!release || scope !== 'stream') return release
          streamsOpen.inc()
          let released = false
          return () => {
            if (!released) streamsOpen.dec()
            released = true
            release()
          }
        },
      }
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() }
    },
  }
}

export type PrometheusMetrics = ReturnType<typeof createPrometheusMetrics>
