import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { chatPage } from './chat-page.ts'

const PACKS = ['minimal', 'kawaii', 'korean', 'western'] as const
const SCHEMES = ['light', 'dark'] as const

/**
 * Contrast of the text the accent drives, measured from computed colours in the page: the sent
 * message on its bubble, every link in the answer on the surface behind it, the send button's icon.
 */
async function accentPairs(page: Page) {
  return page.evaluate(() => {
    // Any CSS colour (oklch, light-dark, var) → sRGB bytes and alpha, through a 1×1 canvas.
    const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!
    const rgb = (value: string) => {
      const probe = document.createElement('i')
      probe.style.color = value
      document.body.append(probe)
      const color = getComputedStyle(probe).color
      probe.remove()
      canvas.clearRect(0, 0, 1, 1)
      canvas.fillStyle = color
      canvas.fillRect(0, 0, 1, 1)
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data
      return [r!, g!, b!, a! / 255]
    }
    const lum = (color: string) => {
      const [r, g, b] = rgb(color).map((v) => {
        const c = v / 255
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      }) as [number, number, number]
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    const ratio = (a: string, b: string) => {
      const [light, dark] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number]
      return (light + 0.05) / (dark + 0.05)
    }
    /** The first opaque background at or above the element. */
    const backdrop = (element: Element): string => {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const color = getComputedStyle(node).backgroundColor
        if (rgb(color)[3]! > 0.99) return color
      }
      return getComputedStyle(document.documentElement).backgroundColor || 'white'
    }
    const pairs: Array<{ what: string; ratio: number; colors: string }> = []
    const add = (what: string, element: Element | null, background?: string) => {
      if (!element) return
      const text = getComputedStyle(element).color
      const behind = background ?? backdrop(element)
      pairs.push({
        what,
        ratio: ratio(text, behind),
        colors: `${text} on ${rgb(behind).join(',')}`,
      })
    }
    add('sent message on its bubble', document.querySelector('[data-role=user] [data-part=bubble]'))
    document
      .querySelectorAll('[data-role=bot] [data-part=bubble] a')
      .forEach((link, index) => add(`answer link ${index + 1}`, link))
    // The send button's fill starts at the accent (kawaii draws a gradient from it).
    const send = document.querySelector('[data-part=send]')
    if (send) add('send button', send, 'var(--cs-accent)')
    return pairs
  })
}

/** The accent as the browser computes it, `rgb(…)`. */
const accentOf = (page: Page) =>
  page.evaluate(() => {
    const probe = document.createElement('i')
    probe.style.color = 'var(--cs-accent)'
    document.body.append(probe)
    return getComputedStyle(probe).color
  })

for (const pack of PACKS) {
  for (const scheme of SCHEMES) {
    test(`brand over ${pack}, ${scheme}: every accent text pair reads at AA`, async ({
      browser,
    }, testInfo) => {
      const context = await browser.newContext({ colorScheme: scheme })
      const page = await context.newPage()
      const chat = chatPage(page)
      await page.goto(`/brand-${pack}/`)
      const html = page.locator('html')
      await expect(html).toHaveAttribute('data-brand', '')
      // The favicon is the brand's, hashed; the avatar and logo are CSS images from hashed URLs.
      await expect(page.locator('link[rel=icon]')).toHaveAttribute(
        'href',
        /^\/brand\/brand-[a-z]+\/favicon-[0-9a-f]{12}\.svg$/,
      )
      await chat.send('Hello! Show me what you can do')
      await chat.waitForAnswer(1)
      // Type something so the send button shows its enabled colours.
      await chat.input.fill('one more')

      const pairs = await accentPairs(page)
      expect(pairs.map(({ what }) => what)).toEqual(
        expect.arrayContaining(['sent message on its bubble', 'answer link 1', 'send button']),
      )
      for (const pair of pairs) {
        expect(
          pair.ratio,
          `${pair.what}: ${pair.colors}, ${pair.ratio.toFixed(2)}:1`,
        ).toBeGreaterThanOrEqual(4.5)
      }
      const logo = await page
        .locator('[data-part=bot-name]')
        .evaluate((name) => getComputedStyle(name, '::before').backgroundImage)
      expect(logo).toMatch(/\/brand\/brand-[a-z]+\/logo-[0-9a-f]{12}\.svg/)

      const axe = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze()
      expect(
        axe.violations.flatMap((violation) => violation.nodes.map((node) => node.target.join(' '))),
      ).toEqual([])
      await testInfo.attach(`brand-${pack}-${scheme}.png`, {
        body: await page.screenshot({ fullPage: true }),
        contentType: 'image/png',
      })
      await context.close()
    })
  }
}

test('an unbranded endpoint keeps its pack exactly: no brand stylesheet, its own accent', async ({
  browser,
}) => {
  const context = await browser.newContext({ colorScheme: 'light' })
  const page = await context.newPage()
  await page.goto('/korean/')
  await expect(page.locator('html')).not.toHaveAttribute('data-brand')
  expect(await page.locator('link[href^="/brand/"]').count()).toBe(0)
  await expect(page.locator('link[rel=icon]')).toHaveAttribute('href', /^\/themes\/korean\//)
  // Kakao yellow, as the pack sets it.
  expect(await accentOf(page)).toBe('rgb(254, 229, 0)')
  await page.goto('/brand-korean/')
  expect(await accentOf(page)).not.toBe('rgb(254, 229, 0)')
  await context.close()
})

test('a branded page wears the accent and images its brand.css names, each cached for a year @core', async ({
  browser,
}) => {
  const context = await browser.newContext({ colorScheme: 'light' })
  const page = await context.newPage()
  await page.goto('/brand-kawaii/')
  await expect(page.locator('html')).toHaveAttribute('data-brand', '')
  const stylesheetUrl = await page
    .locator('link[rel=stylesheet][href^="/brand/"]')
    .getAttribute('href')
  expect(stylesheetUrl).toMatch(/^\/brand\/brand-kawaii\/brand\.css\?v=[0-9a-f]{12}$/)
  const stylesheet = await page.request.get(stylesheetUrl!)
  const css = await stylesheet.text()
  const [, light, dark] = /--cs-accent: light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)/.exec(css)!
  // e2e/endpoints.json's accent reads on kawaii's light surfaces as it is; dark needs a lighter one.
  expect(light).toBe('#0e7490')
  expect(dark).not.toBe(light)
  const rgb = (hex: string) =>
    `rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(', ')})`
  expect(await accentOf(page)).toBe(rgb(light!))
  await page.emulateMedia({ colorScheme: 'dark' })
  expect(await accentOf(page)).toBe(rgb(dark!))

  const logo = await page
    .locator('[data-part=bot-name]')
    .evaluate((name) => getComputedStyle(name, '::before').backgroundImage)
  expect(logo).toMatch(/\/brand\/brand-kawaii\/logo-[0-9a-f]{12}\.svg/)
  const favicon = await page.locator('link[rel=icon]').getAttribute('href')
  const images = [...css.matchAll(/url\('([^']+)'\)/g)].map(([, url]) => url!)
  const types: Record<string, string> = { css: 'text/css', png: 'image/png', svg: 'image/svg+xml' }
  for (const url of [stylesheetUrl!, favicon!, ...images]) {
    const response = await page.request.get(url)
    expect(response.status(), url).toBe(200)
    const extension = /\.(\w+)(?:\?|$)/.exec(url)![1]!
    expect(response.headers()['content-type']?.split(';')[0], url).toBe(types[extension])
    expect(response.headers()['cache-control'], url).toBe('public, max-age=31536000, immutable')
  }
  expect(images).toHaveLength(2)

  const manifest = await (await page.request.get('/brand-kawaii/manifest.webmanifest')).json()
  expect(manifest.theme_color).toBe(light)
  await context.close()
})
