import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { RequestLogEntry } from '../http/request-log.ts'
import type { LimitsStore } from '../security/limits-store.ts'

const TALK_ROUTE = '/:id/talk'

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
