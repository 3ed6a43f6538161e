import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { spawnServer, writeTempConfig } from './lib/processes.ts'
import { row, type Section } from './lib/report.ts'

const MB = 1024 * 1024
/** chatskins' cap on one recording (`maxAudioBytes`), the largest body a visitor can send. */
const MAX_AUDIO_BYTES = 30 * MB
/** Over resting memory, for 8 of them at once (774 MB before uploads took turns). */
const TARGET_MB = 350

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

/**
 * The built server's resident memory (Linux /proc, sampled every 10 ms) while `uploads`
 * recordings of the maximum size arrive at once from one client.
 */
export async function measureUploadMemory(uploads: number): Promise<Section> {
  const upstream = await startSpeechUpstream()
  const config = writeTempConfig({
    endpoints: [
      {
        id: 'voice',
        dify: { apiBase: upstream.apiBase, apiKey: 'app-bench' },
        rateLimit: { perVisitorPerMinute: 10_000, perIpPerMinute: 100_000 },
      },
    ],
  })
  const server = await spawnServer({ env: { CHATSKINS_CONFIG: config.path } })
  try {
    const pid = server.child.pid!
    await new Promise((resolve) => setTimeout(resolve, 500))
    const resting = rssMb(pid)
    let peak = resting
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10)
    const body = new Blob([new Uint8Array(MAX_AUDIO_BYTES)], { type: 'audio/mpeg' })
    const started = Date.now()
    const statuses = await Promise.all(
      Array.from({ length: uploads }, async () => {
        const form = new FormData()
        form.append('file', body, 'voice.mp3')
        const response = await fetch(`${server.url}/voice/api/audio-to-text`, {
          method: 'POST',
          body: form,
        })
        await response.arrayBuffer()
        return response.status
      }),
    )
    clearInterval(sampler)
    const seconds = (Date.now() - started) / 1000
    if (statuses.some((status) => status !== 200)) {
      throw new Error(`uploads answered ${statuses.join(', ')}`)
    }
    const growth = peak - resting
    return {
      id: 'upload-memory',
      title: `6. Memory under ${uploads} concurrent ${MAX_AUDIO_BYTES / MB} MB uploads`,
      rows: [
        row({ label: 'resting RSS', value: resting, unit: 'MB' }),
        row({ label: 'peak RSS', value: peak, unit: 'MB' }),
        row({
          label: 'peak − resting',
          value: growth,
          unit: 'MB',
          target: `≤ ${TARGET_MB} MB`,
          met: growth <= TARGET_MB,
        }),
        row({ label: 'all uploads answered in', value: seconds, unit: 's' }),
      ],
      notes: [
        '`/audio-to-text` of one client, all at once; uploads take turns (2 per address, 4 per ' +
          'process), so the rest wait with their bodies unread.',
      ],
      details: { statuses },
    }
  } finally {
    await server.stop()
    await upstream.close()
    config.remove()
  }
}
