import AxeBuilder from '@axe-core/playwright'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test, type FrameLocator, type Page } from '@playwright/test'
import { startServer } from '../server/node/start-server.ts'
import { appCopy } from './app-copy.ts'

/**
 * The gallery at `/`: every listed endpoint as a live preview (its page in preview mode, the
 * real client on a built-in sample), switched between light and dark, the five locales and a
 * phone or desktop frame; copy buttons for each endpoint's config and embed snippets.
 */
const SHOTS = 'test-results/gallery'

const card = (page: Page, id: string) => page.locator(`.card[data-endpoint="${id}"]`)
const preview = (page: Page, id: string): FrameLocator =>
  card(page, id).frameLocator('.card-preview iframe')

/** Brings a card's lazy preview into view and waits for its sample conversation. */
async function showPreview(page: Page, id: string): Promise<FrameLocator> {
  await card(page, id).scrollIntoViewIfNeeded()
  const frame = preview(page, id)
  await expect(frame.locator('[data-part=bubble][data-role=user]')).toHaveCount(2)
  return frame
}

/**
 * The colour behind the conversation, as `rgb(r, g, b)`: the first opaque background from the log
 * outwards, drawn on a canvas (computed colours may be `oklch(…)`).
 */
const backgroundOf = (frame: FrameLocator) =>
  frame.locator('[data-part=log]').evaluate((log) => {
    let colour = 'rgba(0, 0, 0, 0)'
    for (let element: Element | null = log; element; element = element.parentElement) {
      colour = getComputedStyle(element).backgroundColor
      if (colour !== 'rgba(0, 0, 0, 0)') break
    }
    const context = document.createElement('canvas').getContext('2d')!
    context.fillStyle = colour
    context.fillRect(0, 0, 1, 1)
    const [r, g, b] = context.getImageData(0, 0, 1, 1).data
    return `rgb(${r}, ${g}, ${b})`
  })

/** The previews load as their cards come into view; the page's `load` would wait for them. */
const openGallery = (page: Page, url = '/') => page.goto(url, { waitUntil: 'domcontentloaded' })

/** Relative luminance of an `rgb(…)` colour, enough to tell light from dark. */
function luminance(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/[\d.]+/g) ?? []).map(Number)
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
}

test.describe('the gallery', () => {
  test('shows each listed endpoint as the real client on the sample, with no Dify call and no cookie', async ({
    page,
    context,
  }) => {
    const calls: string[] = []
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (/^\/[^/]+\/(api\/|talk|run)/.test(pathname)) calls.push(pathname)
    })
    await openGallery(page)
    const minimal = await showPreview(page, 'minimal')
    // The sample: turns with markdown and a highlighted code block, follow-up questions below.
    await expect(minimal.locator('[data-part=bubble][data-role=bot] strong').first()).toHaveText(
      'Summaries',
    )
    await expect(minimal.locator('[data-part=bubble][data-role=bot] pre code')).toContainText(
      'function greet',
    )
    await expect(minimal.locator('[data-part=suggestion]')).toHaveCount(3)
    const kawaii = await showPreview(page, 'kawaii')
    await expect(kawaii.locator('html')).toHaveAttribute('data-theme', 'kawaii')
    // Its pack's own language: kawaii speaks Japanese unless the switch says otherwise.
    await expect(kawaii.locator('html')).toHaveAttribute('lang', 'ja')
    await showPreview(page, 'brand-kawaii')
    await expect(preview(page, 'brand-kawaii').locator('html')).toHaveAttribute('data-brand', '')

    expect(calls).toEqual([])
    expect(await context.cookies()).toEqual([])
    // The preview leaves the visitor's own chat on this origin alone.
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([])
  })

  test('leaves out an endpoint marked listed: false, whose page still works', async ({ page }) => {
    await openGallery(page)
    await expect(card(page, 'minimal')).toBeVisible()
    await expect(card(page, 'unlisted')).toHaveCount(0)
    await expect(page.locator('a[href="/unlisted/"]')).toHaveCount(0)
    expect((await page.request.get('/unlisted/preview')).status()).toBe(404)
    expect((await page.request.get('/unlisted/')).status()).toBe(200)
  })

  test('switches scheme, language and frame for every preview, by keyboard', async ({ page }) => {
    // Each switch reloads the previews on screen: whole clients, on a machine shared with others.
    test.setTimeout(90_000)
    await openGallery(page)
    const minimal = await showPreview(page, 'minimal')
    const korean = await showPreview(page, 'korean')
    await card(page, 'minimal').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/phone-light.png` })
    const lightBackground = await backgroundOf(minimal)
    expect(luminance(lightBackground)).toBeGreaterThan(0.5)

    // Scheme: the radio group, moved with the arrow keys.
    await page.getByRole('radio', { name: 'Light' }).focus()
    await page.keyboard.press('ArrowRight')
    await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked()
    for (const frame of [minimal, korean]) {
      await expect(frame.locator('html')).toHaveAttribute('data-scheme', 'dark')
      await expect(frame.locator('[data-part=bubble][data-role=user]')).toHaveCount(2)
    }
    expect(luminance(await backgroundOf(minimal))).toBeLessThan(0.3)
    await expect(page.locator('html')).toHaveAttribute('data-scheme', 'dark')

    // Language: the gallery's own words and every preview's client change.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko')
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko')
    await expect(page.getByRole('radio', { name: '다크' })).toBeChecked()
    for (const frame of [minimal, korean]) {
      await expect(frame.locator('html')).toHaveAttribute('lang', 'ko')
      await expect(frame.locator('[data-part=bubble][data-role=user]').first()).toHaveText(
        /무엇을 할 수 있나요/,
      )
    }
    await page.screenshot({ path: `${SHOTS}/phone-dark-ko.png` })

    // Frame: a desktop's width inside each preview (the client lays out its sidebar), scaled.
    const frameOf = (id: string) => card(page, id).locator('.card-preview iframe')
    expect(await frameOf('minimal').evaluate((frame) => frame.clientWidth)).toBe(390)
    await page.getByRole('radio', { name: '데스크톱' }).check()
    for (const id of ['minimal', 'korean']) {
      await expect.poll(() => frameOf(id).evaluate((frame) => frame.clientWidth)).toBe(1280)
      await expect
        .poll(() =>
          frameOf(id).evaluate((frame: HTMLIFrameElement) => frame.contentWindow!.innerWidth),
        )
        .toBe(1280)
      const box = (await card(page, id).locator('.card-preview').boundingBox())!
      const shown = (await frameOf(id).boundingBox())!
      expect(Math.abs(shown.width - box.width)).toBeLessThan(2)
    }
    await expect(minimal.locator('[data-part=app]')).toHaveAttribute('data-sidebar', 'true')
    await card(page, 'minimal').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/desktop-dark-ko.png` })

    // The choice is in the URL, so a reload (or a shared link) shows the same.
    expect(new URL(page.url()).search).toBe('?scheme=dark&frame=desktop&locale=ko')
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('data-frame', 'desktop')
    await expect(preview(page, 'minimal').locator('html')).toHaveAttribute('lang', 'ko')
  })

  test('copies the config and the embed snippet of a card', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL })
    await openGallery(page)
    const brand = card(page, 'brand-korean')
    await brand.locator('.card-config summary').click()
    await brand.getByRole('button', { name: 'Copy config' }).click()
    await expect(brand.getByRole('button', { name: 'Copied' })).toBeVisible()
    const config = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))
    expect(config).toEqual({
      id: 'brand-korean',
      theme: 'korean',
      botName: 'Brand korean',
      brand: {
        accent: '#e11d48',
        avatar: 'brand/avatar.png',
        logo: 'brand/logo.svg',
        favicon: 'brand/favicon.svg',
      },
      dify: { apiBase: 'https://api.dify.ai/v1', apiKey: '${BRAND_KOREAN_DIFY_API_KEY}' },
    })

    const embed = card(page, 'embed-kawaii')
    await embed.locator('.card-embed summary').click()
    await embed.getByRole('button', { name: 'Copy snippet' }).click()
    await expect(embed.locator('.card-embed [data-copy]')).toHaveText('Copied')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `<script src="${baseURL}/embed.js" data-endpoint="embed-kawaii" async></script>`,
    )
  })

  test('has no serious or critical accessibility problem', async ({ page }) => {
    // axe reads every loaded preview too: each a whole client.
    test.setTimeout(90_000)
    await openGallery(page)
    await showPreview(page, 'minimal')
    const axe = await new AxeBuilder({ page }).analyze()
    const serious = axe.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
      )
    expect(serious).toEqual([])
    // The previews are pictures of a chat: the keyboard goes from switches to cards, never into a frame.
    await page.getByRole('radio', { name: 'Light' }).focus()
    for (let step = 0; step < 12; step += 1) {
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('IFRAME')
    }
  })
})

test('a pack dropped into a copy shows in its preview with its own colours', async ({ page }) => {
  const root = appCopy({
    lagoon: `:root[data-theme='lagoon'] {
  --cs-bg: rgb(0, 77, 64);
  --cs-on-bg: rgb(255, 255, 255);
  --cs-accent: rgb(255, 171, 0);
  --cs-on-accent: rgb(0, 0, 0);
}
[data-theme='lagoon'] [data-part='bubble'][data-role='user'] {
  background: rgb(255, 171, 0);
}
`,
  })
  const server = await startServer({
    root,
    env: { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 'gallery-new-pack-secret' },
    log: () => {},
  })
  try {
    await openGallery(page, `${server.url}/`)
    const lagoon = await showPreview(page, 'lagoon')
    expect(await backgroundOf(lagoon)).toBe('rgb(0, 77, 64)')
    const bubble = lagoon.locator('[data-part=bubble][data-role=user]').first()
    expect(await bubble.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      'rgb(255, 171, 0)',
    )
    await card(page, 'lagoon').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/new-pack.png` })
  } finally {
    await server.close(0)
    rmSync(root, { recursive: true, force: true })
  }
})

test('GALLERY=off makes / and the previews a 404', async ({ request }) => {
  const server = await startServer({
    root: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      SESSION_SECRET: 'gallery-off-test-secret',
      GALLERY: 'off',
    },
    log: () => {},
  })
  try {
    expect((await request.get(`${server.url}/`)).status()).toBe(404)
    const [endpoint] = server.config.endpoints
    expect((await request.get(`${server.url}/${endpoint!.id}/preview`)).status()).toBe(404)
    expect((await request.get(`${server.url}/${endpoint!.id}/`)).status()).toBe(200)
  } finally {
    await server.close(0)
  }
})
