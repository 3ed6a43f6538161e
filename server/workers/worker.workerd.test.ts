import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadBrands, type EndpointBrand } from '../brand/load-brands.ts'
import { parseConfig } from '../config/parse-config.ts'
import { serveFakeDify, type ServedFakeDify } from '../testing/serve-fake-dify.ts'
import { loadThemes } from '../themes/load-themes.ts'
import { startWranglerDev, type WranglerDev } from './wrangler-dev.ts'

// The Worker in workerd (`wrangler dev`, local mode), against the fake Dify in this process over
// loopback. Runs after `npm run build:workers` (npm run test:e2e:workers), not with the unit tests.
let upstream: ServedFakeDify
let remote: WranglerDev
let demo: WranglerDev
let broken: WranglerDev
/** What the Node server makes of the built brand-kawaii endpoint. */
let nodeBrand: EndpointBrand
const HOST_PAGE = 'http://host.test'

/** test:e2e:workers builds with e2e/endpoints.json; its brand-kawaii as this test runs it. */
function builtBrandEndpoint(changes: object = {}) {
  const configPath = new URL('../../e2e/endpoints.json', import.meta.url)
  const { endpoints } = JSON.parse(readFileSync(configPath, 'utf8')) as {
    endpoints: Array<{ id: string }>
  }
  return {
    ...endpoints.find((endpoint) => endpoint.id === 'brand-kawaii')!,
    dify: { apiBase: '${DIFY_BASE}', apiKey: 'app-chat' },
    embedOrigins: [HOST_PAGE],
    ...changes,
  }
}

beforeAll(async () => {
  upstream = await serveFakeDify({ tokenDelayMs: 2 })
  const themesDir = fileURLToPath(new URL('../../themes', import.meta.url))
  const nodeConfig = parseConfig(
    JSON.stringify({ endpoints: [builtBrandEndpoint()] }),
    fileURLToPath(new URL('../../e2e/endpoints.json', import.meta.url)),
    { DIFY_BASE: 'http://127.0.0.1:9' },
    ['kawaii', 'korean', 'minimal', 'western'],
  )
  nodeBrand = loadBrands({
    config: nodeConfig,
    themes: loadThemes(themesDir),
    themesDir,
    log: () => {},
  }).get('brand-kawaii')!
  const config = {
    endpoints: [
      builtBrandEndpoint(),
      builtBrandEndpoint({
        id: 'brand-western',
        theme: 'western',
        brand: { accent: '#000000', favicon: 'brand/favicon.svg' },
      }),
      { id: 'chat', botName: 'Candy', dify: { apiBase: '${DIFY_BASE}', apiKey: 'app-chat' } },
      {
        id: 'one',
        botName: 'One',
        dify: { apiBase: '${DIFY_BASE}', apiKey: 'app-chat' },
        rateLimit: { streamsPerVisitor: 1 },
      },
    ],
  }
  ;[remote, demo, broken] = await Promise.all([
    startWranglerDev({
      vars: {
        CHATSKINS_CONFIG: JSON.stringify(config),
        DIFY_BASE: upstream.apiBase,
        SESSION_SECRET: 'workerd-test-secret',
      },
    }),
    startWranglerDev(),
    startWranglerDev({
      vars: { CHATSKINS_CONFIG: JSON.stringify({ endpoints: [{ id: 'chat', theme: 'nope' }] }) },
    }),
  ])
}, 60_000)

afterAll(async () => {
  await Promise.all([remote, demo, broken].map((worker) => worker?.close()))
  await upstream?.close()
})

const talk = (
  worker: WranglerDev,
  endpoint: string,
  query: string,
  signal?: AbortSignal,
  cookie?: string,
) =>
  fetch(`${worker.url}/${endpoint}/talk`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query }),
    ...(signal ? { signal } : {}),
  })

describe('chatskins as a Worker', () => {
  it('a browser that leaves mid-answer gets Dify stop called for its task', async () => {
    const controller = new AbortController()
    const response = await talk(remote, 'chat', '[[slow=40]] a long story', controller.signal)
    expect(response.status).toBe(200)
    const reader = response.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    const taskId = /"task_id":"([^"]+)"/.exec(first)?.[1]
    expect(taskId).toBeTruthy()
    controller.abort()
    await reader.cancel().catch(() => {})

    await expect.poll(() => upstream.fake.stops.map((stop) => stop.taskId)).toContain(taskId)
    await expect.poll(() => upstream.fake.activeTasks()).toBe(0)
  })

  it("caps one visitor's streams in the Durable Object, and frees the slot when they leave", async () => {
    const page = await fetch(`${remote.url}/one/`)
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!
    const first = new AbortController()
    const streaming = await talk(remote, 'one', '[[slow=40]] a long story', first.signal, cookie)
    expect(streaming.status).toBe(200)
    const reader = streaming.body!.getReader()
    await reader.read()

    const refused = await talk(remote, 'one', 'meanwhile', undefined, cookie)
    expect(refused.status).toBe(429)
    expect(((await refused.json()) as { code: string }).code).toBe('too_many_streams')

    first.abort()
    await reader.cancel().catch(() => {})
    await expect
      .poll(async () => {
        const response = await talk(remote, 'one', '[[echo]] now', undefined, cookie)
        await response.arrayBuffer()
        return response.status
      })
      .toBe(200)
  })

  it('without a Dify key, the demo bot answers every theme', async () => {
    const gallery = await (await fetch(`${demo.url}/`)).text()
    for (const theme of ['kawaii', 'korean', 'minimal', 'western']) {
      expect(gallery).toContain(`href="/${theme}/"`)
    }
    const response = await talk(demo, 'western', 'hello')
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = (await response.text())
      .split('\n\n')
      .filter((record) => record.startsWith('data: '))
      .map((record) => JSON.parse(record.slice(6)) as { event: string; answer?: string })
    expect(events.at(-1)?.event).toBe('message_end')
    expect(events.map((event) => event.answer ?? '').join('')).toContain('chatskins demo bot')
  })

  it('serves /sw.js from the root as built, revalidated on every check', async () => {
    const response = await fetch(`${demo.url}/sw.js`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/javascript/)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    const built = readFileSync(new URL('../../dist/client/static/sw.js', import.meta.url))
    expect(Buffer.from(await response.arrayBuffer()).equals(built)).toBe(true)
  })

  it("marks a pack's `?v=` files immutable as Node does, and only those", async () => {
    const versioned = await fetch(`${demo.url}/themes/minimal/theme.css?v=0123456789ab`)
    expect(versioned.status).toBe(200)
    expect(versioned.headers.get('content-type')).toMatch(/^text\/css/)
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(versioned.headers.get('x-content-type-options')).toBe('nosniff')
    const bare = await fetch(`${demo.url}/themes/minimal/theme.css`)
    expect(bare.headers.get('cache-control')).toBe('public, max-age=300')
    expect(await bare.text()).toBe(await versioned.text())
    expect((await fetch(`${demo.url}/themes/minimal/theme.json`)).status).toBe(404)
  })

  it('a config other than the one built with gets no card rather than a wrong one', async () => {
    // test:e2e:workers builds with e2e/endpoints.json, whose `minimal` is another bot.
    const page = await (await fetch(`${demo.url}/minimal/`)).text()
    expect(page).toContain('<meta name="twitter:card" content="summary">')
    expect(page).not.toContain('og:image')
    const manifest = (await (await fetch(`${demo.url}/minimal/manifest.webmanifest`)).json()) as {
      icons: Array<{ src: string }>
    }
    expect(manifest.icons.map((icon) => icon.src)).toEqual([
      expect.stringMatching(/^\/themes\/minimal\//),
    ])
    await expect
      .poll(() => demo.output())
      .toMatch(/No link preview card or app icons were built for .*minimal/)
  })

  it('wears the built brand as Node does: same page, stylesheet, images and launcher', async () => {
    const page = await (await fetch(`${remote.url}/brand-kawaii/`)).text()
    expect(page).toMatch(/<html [^>]*data-brand>/)
    expect(page).toContain(`<link rel="stylesheet" href="${nodeBrand.stylesheetUrl}">`)
    expect(page).toContain(`<link rel="icon" href="${nodeBrand.images.favicon}"`)

    const urls = [nodeBrand.stylesheetUrl, ...Object.values(nodeBrand.images)]
    expect(urls).toHaveLength(4)
    for (const url of urls) {
      const response = await fetch(`${remote.url}${url}`)
      const file = nodeBrand.files.get(url.slice(url.lastIndexOf('/') + 1).split('?')[0]!)!
      expect(response.status, url).toBe(200)
      expect(response.headers.get('content-type'), url).toBe(file.contentType)
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(Buffer.from(await response.arrayBuffer()).equals(file.body), url).toBe(true)
    }

    const manifest = (await (
      await fetch(`${remote.url}/brand-kawaii/manifest.webmanifest`)
    ).json()) as { theme_color: string }
    expect(manifest.theme_color).toBe('#0e7490')

    const embed = await fetch(`${remote.url}/brand-kawaii/embed-config.js`, {
      headers: { origin: HOST_PAGE },
    })
    const launcher = JSON.parse((await embed.text()).replace(/^export default /, '')) as {
      brand: boolean
      css: string
    }
    expect(launcher.brand).toBe(true)
    const brandCss = new TextDecoder().decode(nodeBrand.files.get('brand.css')!.body)
    expect(launcher.css).toContain(brandCss.replace(/:root\b/g, "[data-part='embed']"))
  })

  it("an endpoint whose brand differs from the build's wears its pack, and says why", async () => {
    const page = await (await fetch(`${remote.url}/brand-western/`)).text()
    expect(page).toContain('data-theme="western"')
    expect(page).not.toContain('data-brand')
    expect(page).not.toContain('/brand/')
    await expect
      .poll(() => remote.output())
      .toMatch(/No brand was built for brand-western, which show their pack's look/)
  })

  it('an invalid config answers every request with a 500 naming the field, and logs it', async () => {
    for (const path of ['/', '/healthz', '/chat/']) {
      const response = await fetch(`${broken.url}${path}`)
      expect(response.status).toBe(500)
      const body = (await response.json()) as { code: string; message: string }
      expect(body.code).toBe('config_invalid')
      expect(body.message).toMatch(/^CHATSKINS_CONFIG: endpoints\[0\]\.theme: /)
    }
    await expect
      .poll(() => broken.output())
      .toMatch(/chatskins cannot serve: CHATSKINS_CONFIG: endpoints\[0\]\.theme/)
  })
})
