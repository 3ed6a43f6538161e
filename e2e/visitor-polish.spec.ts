import { expect, test } from '@playwright/test'
import { chatPage } from './chat-page.ts'
import { THEMES } from './theme-matrix.ts'

/** Issue 21's polish: what each theme showed wrong at one size, and where focus goes after a chip. */

for (const theme of THEMES) {
  test(`${theme} 320px: a welcome taller than the screen is read from its top`, async ({
    browser,
  }) => {
    const page = await browser.newPage({ viewport: { width: 320, height: 480 } })
    // Every position the log takes while the page loads: a jump to its end, even one undone a
    // frame later, hides the welcome's top under the header.
    await page.addInitScript(() => {
      const seen: number[] = []
      Object.assign(window, { logPositions: seen })
      const onScroll = (event: Event) => {
        const target = event.target as HTMLElement
        if (target.dataset?.part === 'log') seen.push(target.scrollTop)
      }
      document.addEventListener('scroll', onScroll, { capture: true })
    })
    await page.goto(`/${theme}/`)
    const welcome = page.locator('[data-part=empty]')
    await expect(welcome.locator('[data-part=suggestion]').first()).toBeVisible()
    await page.evaluate(() => document.fonts.ready)
    const log = page.locator('[data-part=log]')
    // Taller than the log, so there is something to scroll.
    await expect
      .poll(() => log.evaluate((element) => element.scrollHeight > element.clientHeight))
      .toBe(true)
    await page.waitForTimeout(500)
    const positions = await page.evaluate(
      () => (window as unknown as { logPositions: number[] }).logPositions,
    )
    expect(Math.max(0, ...positions)).toBe(0)
    expect(await log.evaluate((element) => element.scrollTop)).toBe(0)
    const header = (await page.locator('[data-part=header]').boundingBox())!
    const top = (await welcome.locator(':scope > *:visible').first().boundingBox())!
    expect(top.y).toBeGreaterThanOrEqual(header.y + header.height)
    await page.close()
  })

  test(`${theme} 1440px: New chat shows once, beside the list, and leads to the composer`, async ({
    browser,
  }) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const chat = chatPage(page)
    await page.goto(`/${theme}/`)
    await chat.send('hello')
    await chat.waitForAnswer(1)
    const newChat = page.getByRole('button', { name: 'New chat' })
    await expect(newChat).toHaveCount(1)
    await newChat.click()
    await expect(chat.botMessages).toHaveCount(0)
    await expect(chat.input).toBeFocused()
    // With the sidebar collapsed, the header's button takes over.
    await page.locator('[data-part=conversations-toggle]').click()
    await chat.send('again')
    await chat.waitForAnswer(1)
    await expect(page.getByRole('banner').getByRole('button', { name: 'New chat' })).toBeVisible()
    await page.close()
  })
}

const FILE_ENDPOINTS = [
  { id: 'full', theme: 'minimal' },
  { id: 'full-kawaii', theme: 'kawaii' },
  { id: 'full-korean', theme: 'korean' },
  { id: 'full-western', theme: 'western' },
] as const

for (const endpoint of FILE_ENDPOINTS) {
  test(`${endpoint.theme}: a file input's button wears the theme, not the browser's grey`, async ({
    page,
  }) => {
    await page.goto(`/${endpoint.id}/?lang=en`)
    const choose = page.locator('[data-part=inputs-file-choose]').first()
    await expect(choose).toBeVisible()
    const look = await page.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!)
      const button = style('[data-part=inputs-file-choose]')
      const field = style('[data-part=inputs-control]')
      return {
        button: [button.backgroundColor, button.borderRadius, button.borderColor, button.color],
        field: [field.backgroundColor, field.borderRadius, field.borderColor, field.color],
      }
    })
    // The same surface, shape, border and ink as the form's text fields beside it.
    expect(look.button).toEqual(look.field)
  })
}

test.describe('focus after a chip (kawaii, app with starters)', () => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
  ]) {
    test(`${viewport.width}px: a starter and a follow-up send their question, focus goes to the composer`, async ({
      browser,
    }) => {
      const page = await browser.newPage({ viewport })
      const chat = chatPage(page)
      await page.goto('/chips/')
      const starter = page.locator('[data-part=suggestion]', { hasText: 'Show me some code' })
      await starter.click()
      await expect(chat.userMessages.first()).toContainText('Show me some code')
      await expect(chat.input).toBeFocused()
      await chat.waitForAnswer(1)
      const followUps = page.locator('[data-part=suggestions] [data-part=suggestion]')
      await expect(followUps.first()).toBeVisible()
      const question = (await followUps.first().innerText()).trim()
      await followUps.first().click()
      await expect(chat.userMessages.nth(1)).toContainText(question)
      await expect(chat.input).toBeFocused()
      await chat.waitForAnswer(2)
      await expect(chat.input).toBeFocused()
      await page.close()
    })
  }
})
