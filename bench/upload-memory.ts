import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { spawnServer, writeTempConfig } from './lib/processes.ts'
import { row, type Section } from './lib/report.ts'

const MB = 1024 * 1024
/** chatskins' cap on one recording (`maxAudioBytes`), the largest body a visitor can send. */
const MAX_AUDIO_BYTES = 30 * MB
/**
 * Over resting memory, for 8 at once. Held whole, they cost +774 MB (8 at once) and +161 MB (4 at
 * a time); streamed, what RSS still gains is garbage the collector has not reached yet.
 */
const TARGET_MB = 250

/** A Dify stand-in for `/audio-to-text` that reads each upload to its end and answers a text. */
async function startSpeechUpstream(): Promise<{ apiBase: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    let size = 0
    request.on('data', (chunk: Buffer) => (size += chunk.length))
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify({ text: `heard ${size} bytes` }))
    })
  })
  // As nginx in front of Dify: a busy benchmark process must not close a kept connection late.
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    apiBase: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024
}

interface UploadRun {
  resting: number
  peak: number
  seconds: number
}

/**
 * A fresh built server's resident memory (Linux /proc, sampled every 10 ms) while `uploads`
 * recordings of the maximum size arrive at once, from one client address or from one each
 * (`X-Forwarded-For`, believed with TRUST_PROXY=1).
 */
async function uploadRun(
  apiBase: string,
  uploads: number,
  clients: 'one' | 'each',
): Promise<UploadRun> {
  const config = writeTempConfig({
    endpoints: [
      {
        id: 'voice',
        dify: { apiBase, apiKey: 'app-bench' },
        rateLimit: { perVisitorPerMinute: 10_000, perIpPerMinute: 100_000 },
      },
    ],
  })
  const server = await spawnServer({ env: { CHATSKINS_CONFIG: config.path, TRUST_PROXY: '1' } })
  try {
    const pid = server.child.pid!
    await new Promise((resolve) => setTimeout(resolve, 500))
    const resting = rssMb(pid)
    let peak = resting
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10)
    const body = new Blob([new Uint8Array(MAX_AUDIO_BYTES)], { type: 'audio/mpeg' })
    const started = Date.now()
    const statuses = await Promise.all(
      Array.from({ length: uploads }, async (_, index) => {
        const form = new FormData()
        form.append('file', body, 'voice.mp3')
        const response = await fetch(`${server.url}/voice/api/audio-to-text`, {
          method: 'POST',
          body: form,
          headers: clients === 'each' ? { 'X-Forwarded-For': `10.0.0.${index + 1}` } : {},
        })
        await response.arrayBuffer()
        return response.status
      }),
    )
    clearInterval(sampler)
    if (statuses.some((status) => status !== 200)) {
      throw new Error(`uploads answered ${statuses.join(', ')}`)
    }
    return { resting, peak, seconds: (Date.now() - started) / 1000 }
  } finally {
    await server.stop()
    config.remove()
  }
}

/** RSS while `uploads` maximum recordings stream through at once, from one client and from many. */
export async function measureUploadMemory(uploads: number): Promise<Section> {
  const upstream = await startSpeechUpstream()
  try {
    const one = await uploadRun(upstream.apiBase, uploads, 'one')
    const each = await uploadRun(upstream.apiBase, uploads, 'each')
    const rows = (label: string, run: UploadRun) => [
      row({ label: `${label}: resting RSS`, value: run.resting, unit: 'MB' }),
      row({ label: `${label}: peak RSS`, value: run.peak, unit: 'MB' }),
      row({
        label: `${label}: peak − resting`,
        value: run.peak - run.resting,
        unit: 'MB',
        target: `≤ ${TARGET_MB} MB`,
        met: run.peak - run.resting <= TARGET_MB,
      }),
      row({ label: `${label}: all answered in`, value: run.seconds, unit: 's' }),
    ]
    return {
      id: 'upload-memory',
      title: `9. Memory under ${uploads} concurrent ${MAX_AUDIO_BYTES / MB} MB uploads`,
      rows: [...rows('one client', one), ...rows(`${uploads} clients`, each)],
      notes: [
        '`/audio-to-text`, all at once. Uploads stream through to Dify as they arrive. One client ' +
          'sends 4 at a time (`rateLimit.uploadsPerIp`), the rest wait unread; from one address ' +
          `each, all ${uploads} stream at once (\`limits.uploadsAtOnce\` is 32).`,
        'Before streaming (uploads held whole, 2 per address and 4 per process at a time), one ' +
          'client measured +161 MB on this machine (server run by tsx); before turns, +774 MB.',
      ],
      details: { one, each },
    }
  } finally {
    await upstream.close()
  }
}
