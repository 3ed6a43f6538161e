import { fileURLToPath } from 'node:url'
import { expect, test, type Page } from '@playwright/test'
import { chatPage } from '../chat-page.ts'
import { FEATURE_ENDPOINTS, SCHEMES, THEMES, VIEWPORTS } from '../theme-matrix.ts'
/** Times beside bubbles are formatted from the browser's clock: hold it still. */
const FROZEN_NOW = new Date('2026-03-14T09:26:00')

async function open(page: Page, path: string) {
  await page.clock.setFixedTime(FROZEN_NOW)
  await page.goto(path)
}

async function expectLook(page: Page, name: string) {
  // Fonts load per script on demand: let every face the page asked for arrive and lay out.
  await page.evaluate(async () => {
    await document.fonts.ready
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    await document.fonts.ready
  })
  // Soft, so one shot that moved doesn't hide the rest of the test's shots.
  await expect.soft(page).toHaveScreenshot(`${name}.png`, {
    animations: 'disabled',
    stylePath: fileURLToPath(new URL('clock-free.css', import.meta.url)),
  })
}

for (const theme of THEMES) {
  for (const viewport of VIEWPORTS) {
    for (const scheme of SCHEMES) {
      const name = `${theme}-${viewport.width}-${scheme}`
      test(`theme ${name}`, async ({ browser }) => {
        // The page's CSP would refuse the style that hides clock-dependent text from the shots.
        const context = await browser.newContext({ viewport, colorScheme: scheme, bypassCSP: true })
        const page = await context.newPage()
        const chat = chatPage(page)
        await open(page, `/${theme}/`)
        await expectLook(page, `${name}-empty`)
        await chat.send('Hello! Show me what you can do')
        await chat.waitForAnswer(1)
        await chat.send('한국어도 돼요? 日本語も？')
        await chat.waitForAnswer(2)
        await expectLook(page, `${name}-end`)
        await page.locator('[data-part=log]').evaluate((log) => (log.scrollTop = 0))
        await expectLook(page, `${name}-top`)
        await context.close()
      })
    }
  }
}

for (const { endpoint, theme, locale, scheme } of FEATURE_ENDPOINTS) {
  test(`features ${theme}`, async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale,
      colorScheme: scheme,
      bypassCSP: true,
    })
    const page = await context.newPage()
    const chat = chatPage(page)
    await open(page, `/${endpoint}/?name=${encodeURIComponent('Ann Averyveryverylongname')}`)
    await expect(page.locator('[data-part=inputs-form]')).toBeVisible()
    await expectLook(page, `features-${theme}-welcome`)
    await chat.send('[[file]] [[cite]] Show me everything')
    await chat.waitForAnswer(1)
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)))
    await page.locator('[data-part=log]').evaluate((log) => (log.scrollTop = log.scrollHeight))
    await expectLook(page, `features-${theme}-answer`)
    await context.close()
  })
}
