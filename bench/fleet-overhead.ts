// 6. Fleet overhead: what Redis-backed limits cost per turn beside the in-memory store, and what
// nginx (deploy/nginx.conf) adds to each streamed event beside reading chatskins directly.
import { join } from 'node:path'
import { createFallbackLimitsStore } from '../server/fleet/fallback-limits-store.ts'
import { createSharedStoreOutage } from '../server/fleet/shared-store-outage.ts'
import { createRedisClient, whenReady } from '../server/fleet/redis-client.ts'
import { createRedisLimitsStore } from '../server/fleet/redis-limits-store.ts'
import { runInstance } from '../server/fleet/run-instance.ts'
import { runNginx } from '../server/fleet/run-nginx.ts'
import { runRedis } from '../server/fleet/run-redis.ts'
import { createMemoryLimitsStore, type LimitsStore } from '../server/security/limits-store.ts'
import { ROOT } from './lib/first-load.ts'
import { spawnServer, writeTempConfig } from './lib/processes.ts'
import { row, type Section } from './lib/report.ts'
import { median, percentile } from './lib/stats.ts'
import { openStream, type StreamTarget } from './proxy/stream-client.ts'

const UPSTREAM = join(ROOT, 'bench', 'proxy', 'upstream.mjs')

export interface FleetOptions {
  /** Turns timed per store. */
  turns: number
  /** Streams read per road (direct, nginx), one after another, each `events` × `intervalMs`. */
  streams: number
  events: number
  intervalMs: number
}

/** What the limits do for one `/talk`: two budgets, one stream slot taken and given back. */
async function timeTurns(store: LimitsStore, turns: number): Promise<number[]> {
  const micros: number[] = []
  for (let i = 0; i < turns; i++) {
    const visitor = `visitor-${i % 50}`
    const started = performance.now()
    await store.take('address', 'bench talk 127.0.0.1', 1_000_000)
    await store.take('visitor', `talk ${visitor}`, 1_000_000)
    const release = await store.openSlot('stream', visitor, 1_000)
    release?.()
    micros.push((performance.now() - started) * 1000)
  }
  return micros
}

async function limiterRows(options: FleetOptions) {
  const redis = await runRedis()
  const client = createRedisClient(redis.url)
  try {
    if (!(await whenReady(client))) throw new Error('redis-server did not answer')
    const memory = createMemoryLimitsStore()
    const shared = createFallbackLimitsStore({
      primary: createRedisLimitsStore(client, { prefix: 'bench' }),
      fallback: createMemoryLimitsStore(),
      outage: createSharedStoreOutage({
        warn: (line) => {
          throw new Error(`Redis fell back during the bench: ${line}`)
        },
      }),
    })
    await timeTurns(shared, 200) // warm-up: scripts loaded, connections open
    const inMemory = await timeTurns(memory, options.turns)
    const inRedis = await timeTurns(shared, options.turns)
    const baseline = { label: 'in memory', value: median(inMemory) }
    return [
      row({ label: 'limits per turn, in memory (p50)', value: median(inMemory), unit: 'µs' }),
      row({ label: 'limits per turn, Redis (p50)', value: median(inRedis), unit: 'µs', baseline }),
      row({ label: 'limits per turn, Redis (p99)', value: percentile(inRedis, 99), unit: 'µs' }),
    ]
  } finally {
    client.disconnect()
    await redis.stop()
  }
}

async function eventLatencies(target: StreamTarget, options: FleetOptions): Promise<number[]> {
  const latencies: number[] = []
  for (let i = 0; i < options.streams; i++) {
    const reading = await openStream(target, `paced:${options.events}:${options.intervalMs}`).done
    latencies.push(...reading.latencies)
  }
  return latencies
}

async function nginxRows(options: FleetOptions) {
  const upstream = await spawnServer({
    script: UPSTREAM,
    urlPattern: /listening on (http:\/\/\S+)/,
  })
  const config = writeTempConfig({
    endpoints: [
      {
        id: 'bench',
        dify: { apiBase: `${upstream.url}/v1`, apiKey: 'app-bench' },
        rateLimit: { perIpPerMinute: 100_000, perVisitorPerMinute: 10_000 },
      },
    ],
  })
  const instance = await runInstance({
    CHATSKINS_CONFIG: config.path,
    SESSION_SECRET: 'bench-fleet-secret-0123456789',
    TRUST_PROXY: '1',
    SHUTDOWN_GRACE_MS: '0',
    NODE_ENV: 'production',
  })
  // Both upstream entries are the one instance: only nginx's own cost is measured.
  const nginx = await runNginx([instance.address, instance.address])
  try {
    const target = (name: string, url: string): StreamTarget => ({
      name,
      url: `${url}/bench/talk`,
      body: (query) => ({ query, inputs: {} }),
    })
    await eventLatencies(target('warm-up', nginx.url), { ...options, streams: 1 })
    const direct = await eventLatencies(target('direct', instance.url), options)
    const proxied = await eventLatencies(target('nginx', nginx.url), options)
    const baseline = { label: 'direct', value: median(direct) }
    return [
      row({ label: 'event latency, direct (p50)', value: median(direct), unit: 'ms' }),
      row({
        label: 'event latency, via nginx (p50)',
        value: median(proxied),
        unit: 'ms',
        baseline,
      }),
      row({
        label: 'nginx added per event (p50)',
        value: median(proxied) - median(direct),
        unit: 'ms',
      }),
      row({ label: 'event latency, direct (p99)', value: percentile(direct, 99), unit: 'ms' }),
      row({ label: 'event latency, via nginx (p99)', value: percentile(proxied, 99), unit: 'ms' }),
    ]
  } finally {
    await nginx.stop()
    await instance.stop()
    await upstream.stop()
    config.remove()
  }
}

export async function measureFleetOverhead(options: FleetOptions): Promise<Section> {
  return {
    id: 'fleet',
    title: '6. Fleet overhead (Redis limits, nginx)',
    rows: [...(await limiterRows(options)), ...(await nginxRows(options))],
    notes: [
      'Limits per turn: two budget takes and one stream slot opened and released, awaited in ' +
        'sequence, as /talk does them; Redis is a local redis-server (a network hop adds its RTT).',
      'nginx: deploy/nginx.conf in front of one chatskins instance; latency is arrival here ' +
        'minus the emit time the upstream wrote into each event.',
    ],
  }
}
