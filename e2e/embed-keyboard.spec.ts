import { expect, test, type Page } from '@playwright/test'
import { CROSS_SITE_LAUNCH } from './cross-site.ts'
import { serveHostPage } from './embed-host.ts'

/** A phone: the host page's layout and the panel full screen (docs/embed.md, "Layout"). */
const PHONE = { width: 360, height: 640 }
/** What an on-screen keyboard leaves of the phone's screen. */
const ABOVE_KEYBOARD = 340

test.use({ launchOptions: CROSS_SITE_LAUNCH, viewport: PHONE, isMobile: true, hasTouch: true })

/** The part of the host page the visitor sees, in the host page's coordinates. */
function visibleArea(page: Page) {
  return page.evaluate(() => {
    const viewport = window.visualViewport!
    return { top: viewport.offsetTop, height: viewport.height, scrollY: window.scrollY }
  })
}

/**
 * Desktop Chromium has no on-screen keyboard, so the test shrinks the screen's height under the
 * focused composer as a keyboard does, over CDP: a real resize of the visual viewport, with its
 * `resize` event, on a page that still believes it is on a phone of the same screen. The session
 * stays open: its overrides end with it.
 */
async function onScreenKeyboard(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  return async (shown: boolean) => {
    const height = shown ? ABOVE_KEYBOARD : PHONE.height
    await cdp.send('Emulation.setDeviceMetricsOverride', {
      width: PHONE.width,
      height,
      screenWidth: PHONE.width,
      screenHeight: PHONE.height,
      deviceScaleFactor: 1,
      mobile: true,
    })
    await expect.poll(async () => (await visibleArea(page)).height).toBe(height)
  }
}

test('on a phone the on-screen keyboard does not cover the composer, nor scroll the page behind', async ({
  page,
  baseURL,
}) => {
  const url = await serveHostPage(page, baseURL!, { attributes: { endpoint: 'embed-minimal' } })
  await page.goto(url)
  // The visitor had scrolled the shop before opening the chat.
  await page.evaluate(() => window.scrollTo(0, 120))
  const launcher = page.locator('[data-part=launcher]')
  const panel = page.locator('[data-part=embed-panel]')
  const chat = page.frameLocator('[data-part=embed-panel] iframe')
  const input = chat.locator('[data-part=input]')
  const composer = chat.locator('[data-part=composer]')
  const keyboard = await onScreenKeyboard(page)
  await launcher.tap()
  await expect(input).toBeFocused()

  /** The composer and the panel lie inside what the visitor sees; the shop stayed where it was. */
  const expectComposerInSight = async (height: number) => {
    const seen = await visibleArea(page)
    expect(seen.scrollY).toBe(120)
    await expect
      .poll(async () => (await panel.boundingBox())!)
      .toEqual({ x: 0, y: seen.top, width: PHONE.width, height })
    const box = (await composer.boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(seen.top)
    expect(box.y + box.height).toBeLessThanOrEqual(seen.top + seen.height)
    await expect(input).toBeInViewport({ ratio: 1 })
  }

  await expectComposerInSight(PHONE.height)
  await keyboard(true)
  await expectComposerInSight(ABOVE_KEYBOARD)
  await expect(input).toBeFocused()
  // Typing goes on above the keyboard, and the answer arrives there.
  await input.fill('Typed above the keyboard')
  await input.press('Enter')
  await expect(chat.locator('[data-part=message][data-role=bot]')).toHaveAttribute(
    'data-state',
    'done',
  )
  await expectComposerInSight(ABOVE_KEYBOARD)
  await page.screenshot({ path: 'test-results/embed/keyboard-360.png' })
  await keyboard(false)
  await expectComposerInSight(PHONE.height)
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe(
    'hidden',
  )
})
