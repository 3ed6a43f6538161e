import { request } from 'node:http'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileThemeCss } from '../themes/compile-theme-css.ts'
import { startTestStack, type TestStack } from './test-stack.ts'

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack.close())

interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** A request through node:http, which (unlike fetch) shows the bytes as they came over the wire. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<RawAnswer>((resolve, reject) => {
    const outgoing = request(`${stack.server.url}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      )
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

/** What the server serves for the pack: its `theme.css` as Tailwind compiles it. */
const packDir = fileURLToPath(new URL('../../themes/minimal', import.meta.url))
const themeCss = Buffer.from(
  await compileThemeCss(readFileSync(`${packDir}/theme.css`, 'utf8'), {
    packDir,
    displayPath: 'themes/minimal/theme.css',
  }),
)

describe('static files', () => {
  it('sends brotli to a browser that takes it, gzip to one that takes only gzip', async () => {
    const br = await raw('/themes/minimal/theme.css?v=1', { 'Accept-Encoding': 'gzip, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(brotliDecompressSync(br.body)).toEqual(themeCss)
    expect(br.body.byteLength).toBeLessThan(themeCss.byteLength / 2)

    const gzip = await raw('/themes/minimal/theme.css?v=1', { 'Accept-Encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body)).toEqual(themeCss)
  })

  it('sends the file as it is when the request takes no coding we have', async () => {
    const plain = await raw('/themes/minimal/theme.css', { 'Accept-Encoding': 'identity' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toBe('Accept-Encoding')
    expect(plain.body).toEqual(themeCss)
  })
})

describe('pages and JSON', () => {
  it('revalidates the page with an ETag: no-cache, then 304 while it is unchanged', async () => {
    const first = await raw('/chat/', { 'Accept-Encoding': 'gzip' })
    expect(first.status).toBe(200)
    expect(first.headers['cache-control']).toBe('no-cache')
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^W\/".+"$/)
    const again = await raw('/chat/', { 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expect(again.body.byteLength).toBe(0)
    const other = await raw('/chat/', { 'If-None-Match': 'W/"stale"' })
    expect(other.status).toBe(200)
  })

  it('gzips a JSON answer over 1 KB and leaves a small one alone', async () => {
    const page = await raw('/full/')
    const cookie = { Cookie: String(page.headers['set-cookie']).split(';')[0]! }
    const big = await raw('/full/api/parameters', { ...cookie, 'Accept-Encoding': 'gzip, br' })
    expect(big.status).toBe(200)
    expect(big.headers['content-encoding']).toBe('gzip')
    expect(big.headers['cache-control']).toBe('private, no-cache')
    const parameters = JSON.parse(gunzipSync(big.body).toString('utf8'))
    expect(parameters.user_input_form.length).toBeGreaterThan(0)
    expect(gunzipSync(big.body).byteLength).toBeGreaterThan(1024)

    const small = await raw('/full/api/conversations?limit=1', {
      ...cookie,
      'Accept-Encoding': 'gzip',
    })
    expect(small.status).toBe(200)
    expect(small.body.byteLength).toBeLessThanOrEqual(1024)
    expect(small.headers['content-encoding']).toBeUndefined()
  })

  it('never compresses the event stream of /talk', async () => {
    const page = await raw('/chat/')
    const cookie = String(page.headers['set-cookie']).split(';')[0]!
    const talk = await raw(
      '/chat/talk',
      {
        Cookie: cookie,
        'Content-Type': 'application/json',
        'Accept-Encoding': 'gzip, br',
        Origin: stack.server.url,
      },
      'POST',
      JSON.stringify({ query: 'Hello there' }),
    )
    expect(talk.status).toBe(200)
    expect(talk.headers['content-type']).toMatch(/^text\/event-stream/)
    expect(talk.headers['content-encoding']).toBeUndefined()
    expect(talk.body.toString('utf8')).toContain('message_end')
  })
})
