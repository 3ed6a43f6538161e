import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error jsdom ships no type declarations; only its DOMParser-like JSDOM is used here
import { JSDOM } from 'jsdom'
import { toHex } from '../brand/color.ts'
import { packColors } from '../brand/pack-surfaces.ts'
import { validateConfig } from '../config/validate.ts'
import { startServer, type RunningServer } from '../node/start-server.ts'
import { pngSize } from '../testing/png-pixels.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..')
const HOSTILE = `</title><script>alert(1)</script>" onload="x' 한국어 &amp;`
let server: RunningServer
let proxied: RunningServer

const start = (env: Record<string, string>) =>
  startServer({
    root: ROOT,
    env: { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'share-meta-test-secret-1', ...env },
    config: validateConfig(
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
      { source: join(ROOT, 'e2e/endpoints.json'), themeIds: ['korean', 'minimal'] },
    ),
    pageTemplate:
      '<!doctype html><html><head><!--chatskins:head--></head><body><!--chatskins:boot--></body></html>',
    log: () => {},
  })

beforeAll(async () => {
  ;[server, proxied] = await Promise.all([
    start({}),
    start({ TRUST_PROXY: '1', PUBLIC_URL: 'https://chat.example.com/ignored/path' }),
  ])
})
afterAll(() => Promise.all([server.close(0), proxied.close(0)]))

/** The page's <head> as an unfurler reads it: an HTML parser, no script run. */
async function headOf(base: string, path: string, headers: Record<string, string> = {}) {
  const html = await (await fetch(base + path, { headers })).text()
  const { document } = (new JSDOM(html) as { window: Window }).window
  const content = (selector: string) => document.querySelector(selector)?.getAttribute('content')
  return { document, content }
}

describe('link previews and the web app manifest', () => {
  it('gives og and twitter tags with the bot name as inert text', async () => {
    const { document, content } = await headOf(server.url, '/plain/')
    expect(content('meta[property="og:title"]')).toBe(HOSTILE)
    expect(content('meta[name="twitter:title"]')).toBe(HOSTILE)
    expect(content('meta[property="og:description"]')).toMatch(/\S/)
    expect(content('meta[name="twitter:card"]')).toBe('summary_large_image')
    expect(content('meta[property="og:image:alt"]')).toBe(
      `${HOSTILE}: ${content('meta[property="og:description"]')}`,
    )
    expect(document.querySelectorAll('script:not([type="application/json"])')).toHaveLength(0)
    expect(document.title).toBe(HOSTILE)
  })

  it('points og:image at a 1200×630 PNG card on the absolute URL the request came to', async () => {
    const { content } = await headOf(server.url, '/plain/')
    const image = content('meta[property="og:image"]')!
    expect(image).toMatch(new RegExp(`^${server.url}/share/plain/card-[0-9a-f]{12}\\.png$`))
    expect(content('meta[property="og:url"]')).toBe(`${server.url}/plain/`)
    expect(content('meta[name="twitter:image"]')).toBe(image)
    expect(content('meta[property="og:image:type"]')).toBe('image/png')
    expect(content('meta[property="og:image:width"]')).toBe('1200')
    expect(content('meta[property="og:image:height"]')).toBe('630')

    const answer = await fetch(image)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('image/png')
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(pngSize(new Uint8Array(await answer.arrayBuffer()))).toEqual({
      width: 1200,
      height: 630,
    })
    const other = await fetch(`${server.url}/share/plain/card-000000000000.png`)
    expect(other.status).toBe(404)
  })

  it('uses PUBLIC_URL for absolute URLs, whatever the Host or forwarded headers say', async () => {
    const { content } = await headOf(proxied.url, '/branded/', {
      'X-Forwarded-Host': 'evil.example',
      'X-Forwarded-Proto': 'http',
    })
    expect(content('meta[property="og:image"]')).toMatch(
      /^https:\/\/chat\.example\.com\/share\/branded\/card-[0-9a-f]{12}\.png$/,
    )
    expect(content('meta[property="og:url"]')).toBe('https://chat.example.com/branded/')
  })

  it('trusts X-Forwarded-Proto/Host for the origin only behind TRUST_PROXY', async () => {
    const forwarded = { 'X-Forwarded-Host': 'chat.example.org', 'X-Forwarded-Proto': 'https' }
    const direct = await headOf(server.url, '/branded/', forwarded)
    expect(direct.content('meta[property="og:url"]')).toBe(`${server.url}/branded/`)
  })

  it('links a manifest that opens the chat standalone, with PNG icons from the brand', async () => {
    const { document } = await headOf(server.url, '/branded/')
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
    })
    expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual([
      '192x192',
      '512x512',
    ])
    for (const icon of manifest.icons) {
      const png = await fetch(server.url + icon.src)
      expect(png.headers.get('content-type')).toBe('image/png')
      const size = Number(icon.sizes.split('x')[0])
      expect(pngSize(new Uint8Array(await png.arrayBuffer()))).toEqual({
        width: size,
        height: size,
      })
    }
  })

  it("gives an unbranded endpoint the pack's accent as its theme colour", async () => {
    const plain = await (await fetch(`${server.url}/plain/manifest.webmanifest`)).json()
    expect(plain.name).toBe(HOSTILE)
    const korean = packColors(readFileSync(join(ROOT, 'themes/korean/theme.css'), 'utf8'))
    expect(plain.theme_color).toBe(toHex(korean('--cs-accent', 'light')!))
    expect(plain.icons[0].src).toMatch(/^\/share\/plain\/icon-192-[0-9a-f]{12}\.png$/)
    const { content } = await headOf(server.url, '/plain/')
    expect(content('meta[name="theme-color"]')).toBe(plain.theme_color)
  })
})
