// 6. OpenAI API overhead: the bench upstream's paced stream read directly, through chatskins'
// chat relay (`/talk`) and through its OpenAI API (`/v1/chat/completions`, stream), each server in
// its own process, so the chunk translation's cost stands beside the relay's own.
import { spawnServer, writeTempConfig, type ChildServer } from './lib/processes.ts'
import { row, type Row, type Section } from './lib/report.ts'
import { median, percentile } from './lib/stats.ts'
import { benchEndpoint, pool, runPhase, spawnBenchUpstream, type Phase } from './proxy-overhead.ts'
import type { StreamTarget } from './proxy/stream-client.ts'

const KEY = 'sk-bench-0123456789abcdef'

export interface OpenAiBenchOptions {
  /** Concurrent streams × chunks each, one chunk per `intervalMs` per stream. */
  streams: number
  events: number
  intervalMs: number
  /** The modes take turns this many times; the rounds are pooled. */
  rounds: number
}

interface Mode {
  target: StreamTarget
  proxy: ChildServer | null
  phases: Phase[]
}

export async function measureOpenAiOverhead(options: OpenAiBenchOptions): Promise<Section> {
  const upstream = await spawnBenchUpstream()
  const bench = benchEndpoint(upstream.url)
  const config = writeTempConfig({
    endpoints: [
      {
        ...bench,
        // One client opens every stream: the relay's per-visitor limits are lifted too.
        rateLimit: { ...bench.rateLimit, perVisitorPerMinute: 10_000, streamsPerVisitor: 100 },
        openai: { keys: [KEY], perKeyPerMinute: 100_000, streamsPerKey: 1000 },
      },
    ],
  })
  const servers: ChildServer[] = [upstream]
  try {
    const chatskins = await spawnServer({ probe: true, env: { CHATSKINS_CONFIG: config.path } })
    servers.push(chatskins)
    const modes: Mode[] = [
      {
        target: {
          name: 'direct',
          url: `${upstream.url}/v1/chat-messages`,
          body: (query) => ({ query, inputs: {}, user: 'bench', response_mode: 'streaming' }),
        },
        proxy: null,
        phases: [],
      },
      {
        target: {
          name: 'chat relay',
          url: `${chatskins.url}/bench/talk`,
          body: (query) => ({ query, inputs: {} }),
        },
        proxy: chatskins,
        phases: [],
      },
      {
        target: {
          name: 'OpenAI API',
          url: `${chatskins.url}/bench/v1/chat/completions`,
          headers: { Authorization: `Bearer ${KEY}` },
          body: (query) => ({
            model: 'bench',
            stream: true,
            messages: [{ role: 'user', content: query }],
          }),
        },
        proxy: chatskins,
        phases: [],
      },
    ]
    const query = `paced:${options.events}:${options.intervalMs}`
    for (const mode of modes) await runPhase(mode.target, upstream, mode.proxy, 2, 'flood:2000')
    for (let round = 0; round < options.rounds; round++) {
      for (const mode of modes) {
        mode.phases.push(await runPhase(mode.target, upstream, mode.proxy, options.streams, query))
      }
    }
    return report(modes, options)
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
    config.remove()
  }
}

function report(modes: readonly Mode[], options: OpenAiBenchOptions): Section {
  const [direct, relay, openai] = modes as [Mode, Mode, Mode]
  const roundMedian = (mode: Mode, q: number) =>
    median(mode.phases.map((phase) => percentile(phase.latencies, q)))
  const cpuPer1000 = (mode: Mode) => {
    const phase = pool(mode.phases)
    return phase.proxyCpuMs === null ? null : (phase.proxyCpuMs / phase.events) * 1000
  }
  const rows: Row[] = []
  for (const q of [50, 99]) {
    const relayAdded = roundMedian(relay, q) - roundMedian(direct, q)
    rows.push(
      row({ label: `chat relay: added latency per chunk p${q}`, value: relayAdded, unit: 'ms' }),
      row({
        label: `OpenAI API: added latency per chunk p${q}`,
        value: roundMedian(openai, q) - roundMedian(direct, q),
        unit: 'ms',
        baseline: { label: 'chat relay', value: relayAdded },
      }),
    )
  }
  const relayCpu = cpuPer1000(relay)
  rows.push(
    row({ label: 'chat relay: CPU per 1,000 chunks', value: relayCpu, unit: 'ms' }),
    row({
      label: 'OpenAI API: CPU per 1,000 chunks',
      value: cpuPer1000(openai),
      unit: 'ms',
      ...(relayCpu ? { baseline: { label: 'chat relay', value: relayCpu } } : {}),
    }),
  )
  return {
    id: 'openai-overhead',
    title: '6. OpenAI API overhead (loopback, each server its own process)',
    rows,
    notes: [
      `${options.streams} concurrent streams × ${options.events} chunks, one every ` +
        `${options.intervalMs} ms each, ${options.rounds} round(s) with the modes taking turns. ` +
        'Added latency = the percentile of (arrival − upstream emit time) through chatskins − ' +
        'the same read directly, median over rounds. CPU = the chatskins process’s user+system ' +
        'time per chunk read. The OpenAI API parses every Dify record and writes a new JSON ' +
        'chunk; the chat relay copies message fields byte for byte.',
    ],
    details: Object.fromEntries(
      modes.map((mode) => {
        const phase = pool(mode.phases)
        const { latencies, ...counts } = phase
        return [
          mode.target.name,
          { ...counts, p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
        ]
      }),
    ),
  }
}
