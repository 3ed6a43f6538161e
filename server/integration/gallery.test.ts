import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { validateConfig } from '../config/validate.ts'
import { startServer } from '../node/start-server.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TEMPLATE = '<!doctype html><html><head><!--chatskins:head--></head><body></body></html>'

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
