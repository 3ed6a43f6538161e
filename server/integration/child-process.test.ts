import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveFakeDify, type ServedFakeDify } from '../testing/serve-fake-dify.ts'
import { startChildServer, type ChildServer } from './child-server.ts'
import { rawRequest } from './raw-request.ts'

// chatskins as its own process, so its memory and its stderr are its own: bounded memory under
// uploads and a demo flood, and not one stack trace for anything a client can send.
const LIFTED = { perVisitorPerMinute: 10_000, perIpPerMinute: 100_000 }
const MB = 1024 * 1024

let upstream: ServedFakeDify
let child: ChildServer
beforeAll(async () => {
  upstream = await serveFakeDify({ tokenDelayMs: 1 })
  child = await startChildServer({
    endpoints: [
      { id: 'chat', dify: { apiBase: upstream.apiBase, apiKey: 'app-chat' } },
      { id: 'full', dify: { apiBase: upstream.apiBase, apiKey: 'app-full' }, rateLimit: LIFTED },
    ],
  })
}, 30_000)
afterAll(async () => {
  await child?.stop()
  await upstream?.close()
})

/** The child's highest resident memory while `work` runs, in MB. */
async function peakRssDuring(work: () => Promise<unknown>): Promise<number> {
  let peak = child.rssMb()
  const sampler = setInterval(() => (peak = Math.max(peak, child.rssMb())), 10)
  try {
    await work()
  } finally {
    clearInterval(sampler)
  }
  return Math.max(peak, child.rssMb())
}

function upload(url: string, path: string, bytes: number, name: string, type: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes).fill(7)], { type }), name)
  return fetch(`${url}${path}`, { method: 'POST', body: form })
}

describe('chatskins in its own process', () => {
  // Before, each upload was held whole, twice over: +145 MB of RSS for one, +774 MB for eight
  // without turns. Streamed through, an upload holds a few chunks at a time.
  const recordings = (count: number) =>
    Promise.all(
      Array.from({ length: count }, () =>
        upload(child.url, '/full/api/audio-to-text', 30 * MB, 'a.mp3', 'audio/mpeg'),
      ),
    )
  const expectHeardWhole = async (answers: Response[]) => {
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      // The fake Dify got every byte: the whole recording went through.
      expect(await answer.json()).toEqual({ text: `Hello from your voice (${30 * MB} bytes)` })
    }
  }

  it('keeps 8 concurrent 30 MB recordings within 250 MB of RSS over its resting memory', async () => {
    // What RSS still gains is mostly garbage the collector has not reached yet: more on a busy
    // machine, so the figure is generous (+72 to +185 MB measured on a loaded 2-core machine).
    const resting = child.rssMb()
    const peak = await peakRssDuring(async () => expectHeardWhole(await recordings(8)))
    expect(peak - resting).toBeLessThan(250)
  }, 120_000)

  it('holds under 50 MB after a garbage collection while 4 recordings of 30 MB stream through', async () => {
    // Four: one address's turns, all streaming at once. Held whole they were 120 MB at least, and
    // were held twice; streamed, what is left is what the sockets each way have queued (5 to 31 MB
    // measured on a loaded machine). When fetch teed the body sent to Dify, the branch it did not
    // send kept every byte: 98 to 123 MB with a slow upstream.
    const resting = await child.retainedMb()
    let held = resting
    let sending = true
    const sampling = (async () => {
      while (sending) {
        held = Math.max(held, await child.retainedMb())
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })()
    const answers = await recordings(4).finally(() => (sending = false))
    await sampling
    await expectHeardWhole(answers)
    expect(held - resting).toBeLessThan(50)
  }, 120_000)

  it('keeps the demo bot bounded: 200 uploads of 250 KB leave it holding under 80 MB more', async () => {
    // A process of its own, so nothing else it did is counted (unbounded: +174 MB, never returned).
    const demo = await startChildServer({
      endpoints: [{ id: 'demo', dify: { demo: true }, rateLimit: LIFTED }],
    })
    try {
      const before = await demo.retainedMb()
      for (let i = 0; i < 200; i += 10) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, () =>
            upload(demo.url, '/demo/api/files/upload', 250 * 1024, 'p.png', 'image/png'),
          ),
        )
        for (const answer of batch) expect(answer.status).toBe(201)
      }
      // Unbounded, the bot held every upload as a data: URL, 67 MB of text for these; now 16 MB.
      // The margin is for what streamed uploads leave in socket and stream buffers (up to 60 MB
      // seen on a loaded CI machine); unbounded, the process kept 174 MB.
      expect((await demo.retainedMb()) - before).toBeLessThan(80)
      expect(demo.stderr()).toBe('')
    } finally {
      await demo.stop()
    }
  }, 240_000)

  it('writes no stack trace, nor anything else, to stderr for any client input', async () => {
    const deep = (levels: number) =>
      `{"query":"hi","inputs":${'['.repeat(levels)}${']'.repeat(levels)}}`
    const json = { 'Content-Type': 'application/json' }
    const requests: Array<[string, Parameters<typeof rawRequest>[2]]> = [
      ['/static/%', {}],
      ['/themes/minimal/theme.json%2f.', {}],
      ['/assets/%zz.js', {}],
      ['/fonts/%E0%A4%A', {}],
      ['/%', {}],
      ['/chat/%', {}],
      ['/%c0%ae%c0%ae/etc/passwd', {}],
      ['/chat/api/conversations/%/name', { method: 'POST', headers: json, body: '{"name":"x"}' }],
      ['/chat/api/messages?conversation_id=%&limit=abc', {}],
      ['/chat/api/conversations?limit=-1&last_id=%zz', {}],
      ['/chat/talk', { method: 'POST', headers: json, body: deep(5_000) }],
      ['/chat/talk', { method: 'POST', headers: json, body: deep(30_000) }],
      ['/chat/talk', { method: 'POST', headers: json, body: '{"query":' }],
      ['/chat/talk', { method: 'POST', headers: json, body: '[]' }],
      ['/chat/talk', { method: 'POST', headers: json, body: '"\\ud800"' }],
      ['/chat/talk', { method: 'POST', headers: json, body: '{"query":"hi","files":{"a":1}}' }],
      ['/chat/talk', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hi' }],
      ['/chat/talk', { method: 'POST', headers: { ...json, 'Content-Length': '99999999' } }],
      [
        '/chat/talk',
        {
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            query: 'hi',
            files: [
              { type: 'image', transfer_method: 'remote_url', url: 'http://[::ffff:7f00:1]/' },
            ],
          }),
        },
      ],
      ['/chat/api/text-to-audio', { method: 'POST', headers: json, body: deep(10_000) }],
      [
        '/chat/api/files/upload',
        { method: 'POST', headers: { 'Content-Type': 'multipart/form-data' }, body: 'x' },
      ],
      [
        '/chat/api/files/upload',
        {
          method: 'POST',
          headers: { 'Content-Type': 'multipart/form-data; boundary=zz' },
          body: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nunterminated',
        },
      ],
      [
        '/chat/api/parameters',
        { headers: { cookie: 'chatskins_visitor=%; chatskins_visitor=a.b' } },
      ],
      ['/chat/api/parameters', { headers: { cookie: 'chatskins_visitor=' + 'x'.repeat(4000) } }],
      ['/chat/api/parameters', { headers: { 'x-forwarded-for': 'not-an-ip, ::ffff:zz' } }],
      ['/chat/talk', { method: 'PUT', headers: json, body: '{}' }],
      ['/chat/api/chat-messages/%/stop', { method: 'POST', headers: json, body: '{}' }],
    ]
    for (const [path, init] of requests) {
      const answer = await rawRequest(child.url, path, init).catch((error: unknown) => {
        throw new Error(`${path} ${JSON.stringify(init).slice(0, 120)}: ${String(error)}`)
      })
      expect(answer.status, path).toBeGreaterThanOrEqual(200)
      expect(answer.status, path).toBeLessThan(500)
    }
    // A browser that leaves mid-answer, and one whose upload breaks off.
    const leaving = new AbortController()
    const talk = await fetch(`${child.url}/chat/talk`, {
      method: 'POST',
      headers: json,
      body: '{"query":"[[slow=50]] tell me a long story"}',
      signal: leaving.signal,
    })
    await talk.body!.getReader().read()
    leaving.abort()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(child.stderr()).toBe('')
  }, 60_000)
})
