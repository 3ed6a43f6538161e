import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { validateConfig } from '../config/validate.ts'
import { startServer } from '../node/start-server.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TEMPLATE =
  '<!doctype html><html><head><!--chatskins:head--></head><body><!--chatskins:boot--></body></html>'

async function serve(raw: unknown, env: Record<string, string> = {}) {
  const config = validateConfig(raw, { source: 'test', themeIds: ['minimal', 'kawaii'] })
  return startServer({
    root: ROOT,
    env: { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'gallery-test-secret-1234', ...env },
    config,
    pageTemplate: TEMPLATE,
    log: () => {},
  })
}

const demo = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  botName: `Bot ${id}`,
  dify: { demo: true },
  ...extra,
})

describe('GET /', () => {
  it('leaves out an endpoint marked listed: false, whose page still works', async () => {
    const server = await serve({
      endpoints: [demo('shown'), demo('internal', { listed: false }), demo('also')],
    })
    try {
      const gallery = await (await fetch(`${server.url}/`)).text()
      expect(gallery).toContain('href="/shown/"')
      expect(gallery).toContain('href="/also/"')
      expect(gallery).not.toContain('internal')
      expect((await fetch(`${server.url}/internal/`)).status).toBe(200)
    } finally {
      await server.close(0)
    }
  })

  it('redirects to the only endpoint', async () => {
    const server = await serve({ endpoints: [demo('solo')] })
    try {
      const answer = await fetch(`${server.url}/`, { redirect: 'manual' })
      expect(answer.status).toBe(302)
      expect(answer.headers.get('location')).toBe('/solo/')
    } finally {
      await server.close(0)
    }
  })

  it('is a 404 with "gallery": false, and with GALLERY=off', async () => {
    for (const [raw, env] of [
      [{ gallery: false, endpoints: [demo('a'), demo('b')] }, {}],
      [{ endpoints: [demo('a'), demo('b')] }, { GALLERY: 'off' }],
    ] as const) {
      const server = await serve(raw, env)
      try {
        const answer = await fetch(`${server.url}/`)
        expect(answer.status).toBe(404)
        expect((await answer.json()).code).toBe('not_found')
        expect((await fetch(`${server.url}/a/`)).status).toBe(200)
      } finally {
        await server.close(0)
      }
    }
  })

  it('refuses a GALLERY value it does not know', async () => {
    await expect(serve({ endpoints: [demo('a')] }, { GALLERY: 'maybe' })).rejects.toThrow(
      'environment: GALLERY: must be "on" or "off"',
    )
  })
})

describe('the live previews', () => {
  /** A Dify that counts every request it gets, and answers none of them usefully. */
  async function countingDify() {
    let requests = 0
    const server = createServer((_request, response) => {
      requests += 1
      response.writeHead(404, { 'content-type': 'application/json' })
      response.end('{"code":"not_found","message":"nothing","status":404}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    return {
      apiBase: `http://127.0.0.1:${port}/v1`,
      requests: () => requests,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    }
  }

  it('render the real page in preview mode, without Dify and without a visitor cookie', async () => {
    const dify = await countingDify()
    const remote = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      botName: `Bot ${id}`,
      app: 'chat',
      dify: { apiBase: dify.apiBase, apiKey: 'app-secret-key-never-shown' },
      ...extra,
    })
    const server = await serve({
      endpoints: [
        remote('shop', { theme: 'kawaii', frameAncestors: ["'none'"] }),
        remote('internal', { listed: false }),
      ],
    })
    try {
      const before = dify.requests()
      const gallery = await fetch(`${server.url}/`, { headers: { 'accept-language': 'ja,en' } })
      expect(gallery.headers.get('set-cookie')).toBeNull()
      const html = await gallery.text()
      expect(html).toContain('data-src="/shop/preview?scheme=light"')
      expect(html).toContain('<html lang="ja"')
      expect(html).toContain('&quot;apiKey&quot;: &quot;${SHOP_DIFY_API_KEY}&quot;')
      expect(html).not.toContain('app-secret-key-never-shown')
      expect(html).not.toContain(dify.apiBase)

      const preview = await fetch(`${server.url}/shop/preview?scheme=dark&locale=ko`)
      expect(preview.status).toBe(200)
      expect(preview.headers.get('set-cookie')).toBeNull()
      // The gallery on this origin may frame it, though the endpoint's own page says 'none'.
      expect(preview.headers.get('content-security-policy')).toContain("frame-ancestors 'self'")
      const page = await preview.text()
      expect(page).toContain('<html lang="ko" data-theme="kawaii" data-scheme="dark"')
      expect(page).toMatch(/"preview":true/)
      expect(dify.requests()).toBe(before)

      for (const path of ['/internal/preview', '/nobody/preview']) {
        expect((await fetch(`${server.url}${path}`)).status).toBe(404)
      }
    } finally {
      await server.close(0)
      await dify.close()
    }
  })

  it('are a 404 when the gallery is off', async () => {
    const server = await serve({ gallery: false, endpoints: [demo('a'), demo('b')] })
    try {
      expect((await fetch(`${server.url}/a/preview`)).status).toBe(404)
      expect((await fetch(`${server.url}/a/`)).status).toBe(200)
    } finally {
      await server.close(0)
    }
  })
})
