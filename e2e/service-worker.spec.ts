import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test, type Page } from '@playwright/test'
import { chatPage } from './chat-page.ts'

/** Every cache of this origin, name → the path and query of each request kept in it. */
function cacheContents(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const contents: Record<string, string[]> = {}
    for (const name of await caches.keys()) {
      const requests = await (await caches.open(name)).keys()
      contents[name] = requests.map(({ url }) => new URL(url).pathname + new URL(url).search)
    }
    return contents
  })
}

/** Visits the page once, so that the service worker installs and keeps the next visit's assets. */
async function firstVisit(page: Page, origin = '') {
  await page.goto(`${origin}/minimal/`)
  await expect(page.locator('[data-part=input]')).toBeVisible()
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
}

test.describe('the service worker', () => {
  test('a second visit paints from it; offline, it still serves assets but never /talk, /api or pages @core', async ({
    page,
    context,
  }) => {
    await firstVisit(page)
    const fromWorker: string[] = []
    const fromNetwork: string[] = []
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname
      ;(response.fromServiceWorker() ? fromWorker : fromNetwork).push(path)
    })
    await page.reload()
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
    const chat = chatPage(page)
    await chat.send('hello')
    await expect(await chat.waitForAnswer(1)).toContainText('chatskins demo bot')

    const entry = await page.evaluate(
      () => document.querySelector<HTMLScriptElement>('script[type=module][src]')!.src,
    )
    expect(fromWorker).toContain(new URL(entry).pathname)
    expect(fromWorker.some((path) => path.endsWith('.css'))).toBe(true)
    expect(fromNetwork).toContain('/minimal/')
    expect(fromNetwork).toContain('/minimal/talk')
    expect(fromNetwork.some((path) => path.startsWith('/minimal/api/'))).toBe(true)
    expect(
      fromWorker.filter((path) => !/^\/(assets|fonts|themes|brand|share)\//.test(path)),
    ).toEqual([])

    const kept = Object.values(await cacheContents(page)).flat()
    expect(kept).toContain(new URL(entry).pathname)
    expect(kept.some((url) => /^\/themes\/minimal\/theme\.css\?v=/.test(url))).toBe(true)
    expect(kept.filter((url) => !/^\/(assets|fonts|themes|brand|share)\//.test(url))).toEqual([])
    expect(kept.filter((url) => /\/talk$|\/api\/|\/run\b|manifest|sw\.js/.test(url))).toEqual([])

    await context.setOffline(true)
    const offline = await page.evaluate(async (script) => {
      const status = (url: string, init?: RequestInit) =>
        fetch(url, init).then(
          (answer) => answer.status,
          () => 'network error',
        )
      return {
        script: await status(script),
        api: await status('/minimal/api/parameters'),
        talk: await status('/minimal/talk', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ query: 'offline?' }),
        }),
        page: await status('/minimal/'),
      }
    }, entry)
    expect(offline).toEqual({
      script: 200,
      api: 'network error',
      talk: 'network error',
      page: 'network error',
    })
  })

  test("a new build's worker replaces the old build's cache @core", async ({ page, baseURL }) => {
    // The site as a front proxy shows it; after the "deploy", its /sw.js is the next build's,
    // which differs only in its build id.
    let nextBuild: ((script: string) => string) | undefined
    const site = await frontProxy(baseURL!, (script) => nextBuild?.(script) ?? script)
    try {
      await firstVisit(page, site.url)
      const [before] = Object.keys(await cacheContents(page))
      expect(before).toMatch(/^chatskins-static-[0-9a-f]{16}$/)

      nextBuild = (script) => script.replace(before!.slice(-16), 'fedcba9876543210')
      await page.reload()
      await expect
        .poll(async () => Object.keys(await cacheContents(page)))
        .toEqual(['chatskins-static-fedcba9876543210'])
      const kept = Object.values(await cacheContents(page)).flat()
      expect(kept.some((url) => url.startsWith('/assets/index-'))).toBe(true)
    } finally {
      await site.close()
    }
  })
})

/** A loopback proxy in front of the e2e server that can rewrite `/sw.js` on its way through. */
async function frontProxy(target: string, rewriteWorker: (script: string) => string) {
  const upstream = new URL(target)
  const server = createServer((request, response) => {
    const headers = { ...request.headers, host: upstream.host }
    // The worker script is rewritten as text, so ask for it uncompressed, and whole: the "new
    // build" no longer matches the validator the browser kept (Workers' asset layer sends ETags).
    if (request.url === '/sw.js') {
      for (const name of ['accept-encoding', 'if-none-match', 'if-modified-since'] as const) {
        delete headers[name]
      }
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: request.url,
        method: request.method,
        headers,
      },
      (answer) => {
        if (request.url !== '/sw.js') {
          response.writeHead(answer.statusCode!, answer.headers)
          answer.pipe(response)
          return
        }
        const chunks: Buffer[] = []
        answer.on('data', (chunk: Buffer) => chunks.push(chunk))
        answer.on('end', () => {
          const script = rewriteWorker(Buffer.concat(chunks).toString('utf8'))
          const { 'content-length': _length, ...rest } = answer.headers
          response.writeHead(answer.statusCode!, rest)
          response.end(script)
        })
      },
    )
    forward.on('error', () => response.destroy())
    request.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
