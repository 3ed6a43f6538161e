import { expect, test, type Browser } from '@playwright/test'
import { chatPage } from './chat-page.ts'

/**
 * Screenshots of the places a visitor tripped over (issue 21), for a before/after comparison:
 * `VISITOR_SHOTS=before` names them for the build before the fix.
 */
const PHASE = process.env.VISITOR_SHOTS ?? 'after'
const DIR = 'test-results/visitor'

test.skip(!process.env.VISITOR_SHOTS, 'set VISITOR_SHOTS=before|after to take the screenshots')

async function open(
  browser: Browser,
  path: string,
  viewport: { width: number; height: number },
  locale = 'en-US',
) {
  const context = await browser.newContext({ viewport, locale })
  const page = await context.newPage()
  await page.goto(path)
  return { context, page, chat: chatPage(page) }
}

const shot = (name: string) => `${DIR}/${PHASE}-${name}.png`

test('1: the page after a long conversation and a wheel over the header', async ({ browser }) => {
  const { context, page, chat } = await open(browser, '/minimal/', { width: 390, height: 700 })
  await chat.send('[[long=1500]] hello')
  await chat.waitForAnswer(1)
  await page.mouse.move(200, 20)
  await page.mouse.wheel(0, 3000)
  await page.keyboard.press('PageDown')
  await page.waitForTimeout(300)
  await page.screenshot({ path: shot('1-page-scroll-minimal-390') })
  await context.close()
})

for (const [theme, width] of [
  ['kawaii', 320],
  ['minimal', 1440],
] as const) {
  test(`2: interrupted answer in ${theme} at ${width}`, async ({ browser }) => {
    const { context, page, chat } = await open(browser, `/${theme}/`, { width, height: 800 })
    await chat.send('[[long=400]][[error-event=500]] code please')
    await expect(chat.botMessages.first()).toHaveAttribute('data-state', 'error')
    await chat.alert.locator('[data-part=error-dismiss]').click()
    await page.screenshot({ path: shot(`2-interrupted-${theme}-${width}`) })
    await context.close()
  })
}

test('5: error banner on a 320x568 phone', async ({ browser }) => {
  const { context, page, chat } = await open(browser, '/minimal/', { width: 320, height: 568 })
  await chat.send('[[dify-error=internal_server_error]] hi')
  await expect(chat.alert).toBeVisible()
  await page.screenshot({ path: shot('5-error-minimal-320') })
  await context.close()
})

for (const theme of ['minimal', 'kawaii']) {
  test(`6: Korean in ${theme}`, async ({ browser }) => {
    const { context, page } = await open(
      browser,
      `/${theme}/`,
      { width: 390, height: 700 },
      'ko-KR',
    )
    await page.evaluate(() => document.fonts.ready)
    await page.waitForTimeout(500)
    await page.screenshot({ path: shot(`6-korean-${theme}-390`) })
    await context.close()
  })
}

for (const theme of ['minimal', 'kawaii', 'korean', 'western']) {
  test(`7: a 24-character bot name in ${theme} at 360`, async ({ browser }) => {
    const { context, page } = await open(browser, `/${theme}/`, { width: 360, height: 640 })
    await page.locator('[data-part=bot-name]').evaluate((h1) => {
      h1.textContent = 'Customer Support Helpers'
    })
    await page.screenshot({
      path: shot(`7-bot-name-${theme}-360`),
      clip: { x: 0, y: 0, width: 360, height: 120 },
    })
    await context.close()
  })
}
