import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error jsdom ships no type declarations; only its DOMParser-like JSDOM is used here
import { JSDOM } from 'jsdom'
import { validateConfig } from '../config/validate.ts'
import { startServer, type RunningServer } from '../node/start-server.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..')
const HOSTILE = `</title><script>alert(1)</script>" onload="x' 한국어 &amp;`
let server: RunningServer

beforeAll(async () => {
  const config = validateConfig(
    {
      endpoints: [
        { id: 'plain', theme: 'korean', botName: HOSTILE, dify: { demo: true } },
        {
          id: 'branded',
          theme: 'minimal',
          botName: 'Shop helper',
          brand: { accent: '#e11d48', favicon: 'brand/favicon.svg' },
          dify: { demo: true },
        },
      ],
    },
    // Brand files are found beside the config file: e2e/brand/.
    {
      source: join(ROOT, 'e2e/endpoints.json'),
      themeIds: ['korean', 'minimal'],
    },
  )
  server = await startServer({
    root: ROOT,
    env: { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'share-meta-test-secret-1' },
    config,
    pageTemplate:
      '<!doctype html><html><head><!--chatskins:head--></head><body><!--chatskins:boot--></body></html>',
    log: () => {},
  })
})
afterAll(() => server.close(0))

/** The page's <head> as an unfurler reads it: an HTML parser, no script run. */
async function headOf(path: string) {
  const html = await (await fetch(server.url + path)).text()
  const { document } = (new JSDOM(html) as { window: Window }).window
  const content = (selector: string) => document.querySelector(selector)?.getAttribute('content')
  return { document, content }
}

describe('link previews and the web app manifest', () => {
  it('gives og and twitter tags with the bot name as inert text', async () => {
    const { document, content } = await headOf('/plain/')
    expect(content('meta[property="og:title"]')).toBe(HOSTILE)
    expect(content('meta[name="twitter:title"]')).toBe(HOSTILE)
    expect(content('meta[property="og:description"]')).toMatch(/\S/)
    expect(content('meta[name="twitter:card"]')).toBe('summary')
    expect(document.querySelectorAll('script:not([type="application/json"])')).toHaveLength(0)
    expect(document.title).toBe(HOSTILE)
  })

  it('links a manifest that opens the chat standalone, with the pack or brand icon', async () => {
    const { document } = await headOf('/branded/')
    const href = document.querySelector('link[rel=manifest]')!.getAttribute('href')!
    expect(href).toBe('/branded/manifest.webmanifest')
    const answer = await fetch(server.url + href)
    expect(answer.headers.get('content-type')).toBe('application/manifest+json')
    const manifest = await answer.json()
    expect(manifest).toMatchObject({
      name: 'Shop helper',
      start_url: '/branded/',
      scope: '/branded/',
      display: 'standalone',
      theme_color: '#e11d48',
      icons: [{ sizes: 'any', type: 'image/svg+xml' }],
    })
    const icon = await fetch(server.url + manifest.icons[0].src)
    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toBe('image/svg+xml')

    const plain = await (await fetch(`${server.url}/plain/manifest.webmanifest`)).json()
    expect(plain.name).toBe(HOSTILE)
    expect(plain.icons[0].src).toMatch(/^\/themes\/korean\/favicon\.svg\?v=/)
  })
})
