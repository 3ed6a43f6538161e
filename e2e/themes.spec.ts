import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { chatPage, expectNoHorizontalScroll, failOnScriptActivity } from './chat-page.ts'
import { SCHEMES, THEMES, VIEWPORTS } from './theme-matrix.ts'

for (const theme of THEMES) {
  for (const viewport of VIEWPORTS) {
    for (const scheme of SCHEMES) {
      const name = `${theme}-${viewport.width}x${viewport.height}-${scheme}`
      test(`theme ${name}: chat works, fits, passes axe`, async ({ browser }, testInfo) => {
        const context = await browser.newContext({ viewport, colorScheme: scheme })
        const page = await context.newPage()
        const guard = failOnScriptActivity(page)
        const chat = chatPage(page)
        await page.goto(`/${theme}/`)
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
        await expectNoHorizontalScroll(page)

        await chat.send('Hello! Show me what you can do')
        await chat.waitForAnswer(1)
        await chat.send('한국어도 돼요? 日本語も？')
        await chat.waitForAnswer(2)
        await expect(chat.userMessages).toHaveCount(2)
        await expectNoHorizontalScroll(page)

        const axe = await new AxeBuilder({ page }).analyze()
        const serious = axe.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map(
            (violation) =>
              `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
          )
        expect(serious).toEqual([])

        await page.evaluate(() => document.fonts.ready)
        const path = testInfo.outputPath(`${name}.png`)
        await page.screenshot({ path: `test-results/screenshots/${name}.png` })
        await page.screenshot({ path })
        await testInfo.attach(name, { path, contentType: 'image/png' })
        guard.assertClean()
        await context.close()
      })
    }
  }
}

test('the four themes really look different', async ({ browser }) => {
  const looks = new Map<string, Record<string, string>>()
  for (const theme of THEMES) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const chat = chatPage(page)
    await page.goto(`/${theme}/`)
    await chat.send('hello')
    await chat.waitForAnswer(1)
    looks.set(theme, await page.evaluate(readLook))
    await page.close()
  }
  for (const [i, a] of THEMES.entries()) {
    for (const b of THEMES.slice(i + 1)) {
      const lookA = looks.get(a)!
      const lookB = looks.get(b)!
      const differing = Object.keys(lookA).filter((key) => lookA[key] !== lookB[key])
      expect(
        differing.length,
        `${a} vs ${b} differ in: ${differing.join(', ')}`,
      ).toBeGreaterThanOrEqual(5)
    }
  }
})

test('the gallery lists every endpoint with a live preview in its theme', async ({ page }) => {
  await page.goto('/', { waitUntil: 'domcontentloaded' })
  for (const theme of THEMES) {
    const card = page.locator(`.card[data-endpoint="${theme}"]`)
    await expect(card.locator(`a[href="/${theme}/"]`)).toBeVisible()
    await card.scrollIntoViewIfNeeded()
    await expect(card.frameLocator('iframe').locator('html')).toHaveAttribute('data-theme', theme)
  }
  await page.locator('.card a[href="/korean/"]').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'korean')
})

function readLook(): Record<string, string> {
  const style = (selector: string) => {
    const element = document.querySelector(selector)
    return element ? getComputedStyle(element) : null
  }
  const page = style('body')
  const header = style('[data-part=header]')
  const user = style('[data-part=bubble][data-role=user]')
  const bot = style('[data-part=bubble][data-role=bot]')
  const input = style('[data-part=input]')
  const send = style('[data-part=send]')
  return {
    pageBackground: `${page?.backgroundColor} ${page?.backgroundImage}`,
    pageFont: page?.fontFamily ?? '',
    headerBackground: `${header?.backgroundColor} ${header?.backgroundImage}`,
    userBackground: `${user?.backgroundColor} ${user?.backgroundImage}`,
    userColor: user?.color ?? '',
    userRadius: user?.borderRadius ?? '',
    userPadding: user?.padding ?? '',
    botBackground: `${bot?.backgroundColor} ${bot?.backgroundImage}`,
    botRadius: bot?.borderRadius ?? '',
    botShadow: bot?.boxShadow ?? '',
    inputRadius: input?.borderRadius ?? '',
    sendBackground: `${send?.backgroundColor} ${send?.backgroundImage}`,
  }
}
