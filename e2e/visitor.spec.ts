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

const CJK = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/gu
const CJK_LOCALES = ['ko-KR', 'ja-JP', 'zh-CN', 'zh-TW'] as const
/** Parts that show translated words on the welcome screen, each in its theme's font stack. */
const WORDED_PARTS = [
  '[data-part=empty-title]',
  '[data-part=status]',
  '[data-part=new-chat] span',
] as const

/**
 * How many CJK glyphs of a part Chromium drew from the bundled web fonts, and how many CJK
 * characters it holds; the DevTools protocol names the font behind each glyph.
 */
async function bundledGlyphs(page: Page, selector: string) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('DOM.enable')
  await cdp.send('CSS.enable')
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
  const { fonts } = nodeId
    ? await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    : { fonts: [] }
  const text = await page.locator(selector).innerText()
  await cdp.detach()
  const bundled = fonts
    .filter((font) => font.isCustomFont && /^Noto Sans (KR|JP|SC|TC)/.test(font.familyName))
    .reduce((sum, font) => sum + font.glyphCount, 0)
  return { bundled, cjk: text.match(CJK)?.length ?? 0 }
}

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

      // An interrupted answer is as wide as a finished one; its state goes under it.
      const finished = await chat.botMessages
        .first()
        .locator('[data-part=bubble]')
        .evaluate((bubble) => bubble.getBoundingClientRect().width)
      await chat.send('[[long=600]][[error-event=500]] then fail')
      const broken = chat.botMessages.nth(1)
      await expect(broken).toHaveAttribute('data-state', 'error')
      const widths = await broken.evaluate((article) => ({
        bubble: article.querySelector('[data-part=bubble]')!.getBoundingClientRect(),
        notice: article.querySelector('[data-part=notice]')!.getBoundingClientRect(),
      }))
      expect(widths.bubble.width).toBeGreaterThanOrEqual(finished - 1)
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

  test(`${theme}: Korean, Japanese and Chinese words come from the bundled fonts`, async ({
    browser,
  }) => {
    for (const locale of CJK_LOCALES) {
      const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } })
      const page = await context.newPage()
      await page.goto(`/${theme}/`)
      await expect(page.locator('[data-part=empty-title]')).toBeVisible()
      for (const selector of WORDED_PARTS) {
        await expect
          .poll(
            async () => {
              const { bundled, cjk } = await bundledGlyphs(page, selector)
              return cjk > 0 && bundled >= cjk
            },
            { message: `${locale} ${selector}` },
          )
          .toBe(true)
      }
      await context.close()
    }
  })

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
    const skip = page.locator('[data-part=skip-link]')
    await expect(skip).toBeAttached()
    const first = await page.evaluate(
      () =>
        document.querySelector<HTMLElement>('a[href], button, input, textarea, [tabindex]')?.dataset
          .part,
    )
    expect(first).toBe('skip-link')
    await skip.focus()
    await expect(skip).toHaveText('Skip to the message box')
    expect((await skip.boundingBox())!.width).toBeGreaterThan(50)
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
    await chat.send('[[long=3000]][[slow=8]] stream a lot')
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
    await page.locator('[data-part=stop]').click()
    await expect(chat.botMessages.first()).toHaveAttribute('data-state', 'stopped')
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

    await chat.newChat()
    await expect(chat.botMessages).toHaveCount(0)
    await expect(chat.input).toBeFocused()
  })
})
