import { expect, test, type Page } from '@playwright/test'
// @ts-expect-error jsdom ships no type declarations; only its DOMParser-like JSDOM is used here
import { JSDOM } from 'jsdom'
import endpoints from './endpoints.json' with { type: 'json' }

const botName = (id: string) => endpoints.endpoints.find((endpoint) => endpoint.id === id)!.botName
const HOSTILE = botName('hostile')

/** What Chromium says about installing the page's web app, beside the manifest it parsed. */
async function installability(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  const manifest = await cdp.send('Page.getAppManifest')
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
  return {
    manifest,
    // Playwright's contexts are incognito, which Chromium never installs from; that is the only
    // objection allowed: none about the manifest, its icons, its display mode or its start URL.
    errors: installabilityErrors
      .map((error) => error.errorId)
      .filter((id) => id !== 'in-incognito'),
  }
}

for (const id of ['brand-western', 'korean']) {
  test(`Chromium finds ${id} installable from its manifest, with PNG icons @core`, async ({
    page,
  }) => {
    await page.goto(`/${id}/`)
    await page.waitForSelector('textarea[data-part="input"]')
    const { manifest, errors } = await installability(page)
    expect(manifest.errors).toEqual([])
    expect(manifest.url).toMatch(new RegExp(`/${id}/manifest\\.webmanifest$`))
    expect(errors).toEqual([])
    const parsed = JSON.parse(manifest.data!)
    expect(parsed.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual([
      '192x192',
      '512x512',
    ])
    for (const icon of parsed.icons) {
      const answer = await page.request.get(icon.src)
      expect(answer.headers()['content-type']).toBe('image/png')
    }
  })
}

test('an unfurler reads og and twitter tags, with a PNG card on an absolute URL @core', async ({
  request,
  baseURL,
}) => {
  // As Slack or LINE fetch it: no script run, tags read with an HTML parser.
  const html = await (await request.get('/kawaii/')).text()
  const { document } = (new JSDOM(html) as { window: Window }).window
  const tag = (selector: string) => document.querySelector(selector)?.getAttribute('content')
  expect(tag('meta[property="og:title"]')).toBe(botName('kawaii'))
  expect(tag('meta[name="twitter:card"]')).toBe('summary_large_image')
  const image = tag('meta[property="og:image"]')!
  expect(image.startsWith(`${baseURL}/share/kawaii/card-`)).toBe(true)
  expect([tag('meta[property="og:image:width"]'), tag('meta[property="og:image:height"]')]).toEqual(
    ['1200', '630'],
  )
  const card = await request.get(image)
  expect(card.headers()['content-type']).toBe('image/png')
  const bytes = await card.body()
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630])
})

test('a hostile bot name stays inert text in the share tags and the manifest, under the CSP @core', async ({
  page,
}) => {
  const violations: string[] = []
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  const answer = await page.goto('/hostile/')
  expect(answer!.headers()['content-security-policy']).toContain("script-src 'self'")
  await page.waitForSelector('textarea[data-part="input"]')

  const head = await page.evaluate(() => ({
    tags: Object.fromEntries(
      [...document.head.querySelectorAll('meta[property], meta[name]')].map((meta) => [
        meta.getAttribute('property') ?? meta.getAttribute('name'),
        meta.getAttribute('content'),
      ]),
    ),
    scripts: [...document.querySelectorAll('script')].map((script) => script.type || 'classic'),
    images: document.querySelectorAll('img[src="x"]').length,
  }))
  for (const key of ['og:title', 'twitter:title']) expect(head.tags[key]).toBe(HOSTILE)
  expect(head.tags['og:image:alt']!.startsWith(`${HOSTILE}: `)).toBe(true)
  // The one module script is the bundle and the other is the boot data; nothing the name made.
  expect(head.scripts.sort()).toEqual(['application/json', 'module'])
  expect(head.images).toBe(0)

  const { manifest, errors } = await installability(page)
  expect(errors).toEqual([])
  expect(JSON.parse(manifest.data!).name).toBe(HOSTILE)
  expect(dialogs).toEqual([])
  expect(violations).toEqual([])
})
