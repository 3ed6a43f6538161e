import { expect, test, type Page } from '@playwright/test'
import { chatPage } from './chat-page.ts'

/** What a visitor trips over (issue 21), in every theme and size; behaviour in one theme. */
const THEMES = ['minimal', 'kawaii', 'korean', 'western'] as const
const SIZES = [
  { width: 320, height: 568 },
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const
/** Markdown syntax that must never reach a screen reader. */
const MARKDOWN_SYNTAX = /\*\*|```|\| ?---|\]\(|^#+ /m

const announcer = (page: Page) => page.locator('[data-part=announcer]')

for (const theme of THEMES) {
  for (const viewport of SIZES) {
    test(`${theme} ${viewport.width}px: the page stays put, states sit under bubbles, errors are one line`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ viewport })
      const page = await context.newPage()
      const chat = chatPage(page)
      await page.goto(`/${theme}/`)

      await chat.send('[[long=1500]] a long one')
      await chat.waitForAnswer(1)
      // The live region says the rendered answer, as a lead: no markdown syntax.
      await expect(announcer(page)).toContainText(/answered: Section 0 Some bold text/)
      expect(await announcer(page).textContent()).not.toMatch(MARKDOWN_SYNTAX)

      // Only the log scrolls: the document is exactly the viewport, whatever the wheel does.
      await page.mouse.move(viewport.width / 2, 10)
      await page.mouse.wheel(0, 3000)
      await page.keyboard.press('PageDown')
      const page_ = await page.evaluate(() => ({
        height: document.scrollingElement!.scrollHeight,
        top: document.scrollingElement!.scrollTop,
      }))
      expect(page_).toEqual({ height: viewport.height, top: 0 })

      // An interrupted answer keeps the row's full width; its state goes under it.
      await chat.send('[[long=600]][[error-event=500]] then fail')
      const broken = chat.botMessages.nth(1)
      await expect(broken).toHaveAttribute('data-state', 'error')
      const widths = await broken.evaluate((article) => ({
        bubble: article.querySelector('[data-part=bubble]')!.getBoundingClientRect(),
        row: article.querySelector('[data-part=row]')!.getBoundingClientRect(),
        notice: article.querySelector('[data-part=notice]')!.getBoundingClientRect(),
      }))
      expect(widths.bubble.width).toBeGreaterThanOrEqual(widths.row.width - 1)
      expect(widths.notice.top).toBeGreaterThanOrEqual(widths.bubble.bottom - 1)

      if (viewport.width === 320) {
        // One line: the plain message; code and ref behind Details.
        const box = await chat.alert.locator('[data-part=error-text]').evaluate((text) => ({
          height: text.getBoundingClientRect().height,
          line: parseFloat(getComputedStyle(text).lineHeight),
        }))
        expect(box.height).toBeLessThanOrEqual(box.line + 1)
        expect((await chat.alert.boundingBox())!.height).toBeLessThanOrEqual(60)
        await expect(chat.alert.locator('[data-part=error-code]')).toBeHidden()
        await chat.alert.locator('[data-part=error-details-toggle]').click()
        await expect(chat.alert.locator('[data-part=error-code]')).toHaveText(
          'Error code: internal_server_error',
        )
        await expect(chat.alert.locator('[data-part=error-ref-id]')).toBeVisible()
      }
      await context.close()
    })
  }

  test(`${theme} 360px: a 24-character bot name is not cut`, async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } })
    await page.goto(`/${theme}/`)
    const name = page.locator('[data-part=bot-name]')
    await name.evaluate((h1) => (h1.textContent = 'Customer Support Helpers'))
    const size = await name.evaluate((h1) => ({
      width: h1.scrollWidth - h1.clientWidth,
      height: h1.scrollHeight - h1.clientHeight,
    }))
    expect(size.width).toBeLessThanOrEqual(0)
    expect(size.height).toBeLessThanOrEqual(1)
    await page.close()
  })
}

test.describe('keyboard and focus (minimal)', () => {
  test.use({ viewport: { width: 1440, height: 900 } })

  test('a skip link leads to the composer; Escape in the composer stops a streaming answer', async ({
    page,
  }) => {
    const chat = chatPage(page)
    await page.goto('/minimal/')
    await page.locator('body').focus()
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('Tab')
    const skip = page.locator('[data-part=skip-link]')
    await expect(skip).toBeFocused()
    await expect(skip).toHaveText('Skip to the message box')
    await page.keyboard.press('Enter')
    await expect(chat.input).toBeFocused()

    await chat.send('[[slow=40]] take your time')
    await expect(chat.botMessages.first()).toHaveAttribute('data-state', 'streaming')
    await chat.input.press('Escape')
    await expect(chat.botMessages.first()).toHaveAttribute('data-state', 'stopped')
  })

  test('jump to latest while scrolled up during a stream', async ({ page }) => {
    const chat = chatPage(page)
    await page.goto('/minimal/')
    await chat.send('[[long=4000]][[slow=15]] stream a lot')
    const log = page.locator('[data-part=log]')
    await expect
      .poll(() => log.evaluate((element) => element.scrollHeight > element.clientHeight * 2))
      .toBe(true)
    const jump = page.locator('[data-part=jump-latest]')
    await expect(jump).toBeHidden()
    await log.hover()
    await page.mouse.wheel(0, -400)
    await expect(jump).toHaveText('Jump to latest')
    await jump.click()
    await expect(jump).toBeHidden()
    const fromEnd = await log.evaluate((element) => {
      return element.scrollHeight - element.scrollTop - element.clientHeight
    })
    expect(fromEnd).toBeLessThan(48)
    await chat.waitForAnswer(1)
  })

  test('focus goes where the next action is; code blocks are stops only when they scroll', async ({
    page,
  }) => {
    const chat = chatPage(page)
    await page.goto('/minimal/')
    await chat.send('[[long=800]] code')
    const answer = await chat.waitForAnswer(1)
    // Short code blocks don't scroll: no tab stop; their copy buttons stay reachable.
    await expect(answer.locator('[data-part=copy-code]').first()).toBeAttached()
    await expect(answer.locator('pre[tabindex]')).toHaveCount(0)
    await answer.locator('[data-part=copy-code]').first().focus()
    await expect(answer.locator('[data-part=copy-code]').first()).toBeFocused()

    await answer.locator('[data-part=action-regenerate]').click()
    await chat.waitForAnswer(1)
    await expect(chat.botMessages.first().locator('[data-part=action-regenerate]')).toBeFocused()

    await chat.send('[[dify-error=internal_server_error]] fail')
    await chat.alert.locator('[data-part=error-dismiss]').click()
    await expect(chat.alert).toBeHidden()
    await expect(chat.input).toBeFocused()

    await page.locator('[data-part=new-chat]').click()
    await expect(chat.botMessages).toHaveCount(0)
    await expect(chat.input).toBeFocused()
  })
})
