import { expect, test, type CDPSession } from '@playwright/test'

interface Received {
  url: string
  type: string
  status: number
  encoding: string | undefined
  fromCache: boolean
}

/** Every response the page receives, as Chromium's network layer saw it (cache hits included). */
function recordResponses(cdp: CDPSession): { received: Received[]; stop(): void } {
  const received: Received[] = []
  const cached = new Set<string>()
  const onCached = ({ requestId }: { requestId: string }) => cached.add(requestId)
  const onResponse = ({
    requestId,
    response,
    type,
  }: {
    requestId: string
    response: {
      url: string
      status: number
      headers: Record<string, string>
      fromDiskCache?: boolean
      fromServiceWorker?: boolean
    }
    type: string
  }) => {
    const headers = Object.fromEntries(
      Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]),
    )
    received.push({
      url: new URL(response.url).pathname,
      type,
      status: response.status,
      encoding: headers['content-encoding'],
      // The HTTP cache, or the service worker's (src/service-worker/).
      fromCache: !!response.fromDiskCache || !!response.fromServiceWorker || cached.has(requestId),
    })
  }
  cdp.on('Network.requestServedFromCache', onCached)
  cdp.on('Network.responseReceived', onResponse)
  return {
    received,
    stop() {
      cdp.off('Network.requestServedFromCache', onCached)
      cdp.off('Network.responseReceived', onResponse)
    },
  }
}

test('every script and stylesheet arrives compressed, and a repeat visit takes them from cache', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  const firstVisit = recordResponses(cdp)
  const first = firstVisit.received
  await page.goto('/kawaii/')
  await page.waitForSelector('textarea[data-part="input"]')
  await page.waitForLoadState('networkidle')

  const assets = first.filter(({ type }) => type === 'Script' || type === 'Stylesheet')
  expect(assets.map(({ url }) => url)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^\/assets\/.+\.js$/),
      '/themes/kawaii/theme.css',
    ]),
  )
  const uncompressed = assets.filter(({ encoding }) => encoding !== 'br' && encoding !== 'gzip')
  expect(uncompressed).toEqual([])
  // Chromium asks for brotli, and the build made a brotli twin of every asset.
  expect(assets.every(({ encoding }) => encoding === 'br')).toBe(true)

  firstVisit.stop()
  const repeat = recordResponses(cdp).received
  await page.goto('about:blank')
  await page.goto('/kawaii/')
  await page.waitForSelector('textarea[data-part="input"]')
  const repeatAssets = repeat.filter(({ type }) => type === 'Script' || type === 'Stylesheet')
  expect(repeatAssets.length).toBeGreaterThan(0)
  expect(repeatAssets.filter(({ fromCache }) => !fromCache)).toEqual([])
  await context.close()
})

test('the page revalidates with an ETag and the static files name their caching', async ({
  request,
}) => {
  const page = await request.get('/minimal/')
  expect(page.headers()['cache-control']).toBe('no-cache')
  const etag = page.headers().etag!
  expect(etag).toMatch(/^W\/"/)
  const again = await request.get('/minimal/', { headers: { 'If-None-Match': etag } })
  expect(again.status()).toBe(304)

  const script = (await page.text()).match(/src="(\/assets\/[^"]+\.js)"/)![1]!
  const asset = await request.get(script, { headers: { 'Accept-Encoding': 'gzip' } })
  expect(asset.headers()['content-encoding']).toBe('gzip')
  expect(asset.headers().vary).toBe('Accept-Encoding')
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable')

  const fonts = await request.get('/fonts/kr.css', { headers: { 'Accept-Encoding': 'br' } })
  expect(fonts.headers()['content-encoding']).toBe('br')
  expect(await fonts.text()).toContain('@font-face')
})
