import { expect, type Page, type Request } from '@playwright/test'

/** Drives one chat page the way a person does, and records the `/talk` requests it makes. */
export function chatPage(page: Page) {
  const talkBodies: Array<{ query: string; conversation_id?: string }> = []
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/talk')) {
      talkBodies.push(request.postDataJSON())
    }
  })
  const input = page.locator('[data-part=input]')
  const botMessages = page.locator('[data-part=message][data-role=bot]')
  const userMessages = page.locator('[data-part=message][data-role=user]')

  return {
    talkBodies,
    input,
    botMessages,
    userMessages,
    alert: page.locator('[data-part=error]'),
    /** Types a message and sends it with Enter. */
    async send(text: string) {
      await input.fill(text)
      await input.press('Enter')
    },
    /** Waits until the n-th answer (1-based) has finished streaming. */
    async waitForAnswer(n: number) {
      await expect(botMessages.nth(n - 1)).toHaveAttribute('data-state', 'done')
      await expect(page.locator('[data-part=app]')).toHaveAttribute('data-busy', 'false')
      return botMessages.nth(n - 1)
    },
    storedConversationId(endpointId: string) {
      return page.evaluate(
        (key) => localStorage.getItem(key),
        `chatskins:${endpointId}:conversation_id`,
      )
    },
  }
}

/**
 * Fails the test on any sign that injected script ran or tried to: a dialog, an uncaught error, a
 * console error (a CSP refusal of an inline script or handler is one), a popup, or the page
 * leaving its origin. A resource that fails to load is not script, so it is not counted.
 */
export function failOnScriptActivity(page: Page) {
  const problems: string[] = []
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text()}`)
    }
  })
  page.on('popup', (popup) => problems.push(`popup: ${popup.url()}`))
  let origin: string | undefined
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || frame.url() === 'about:blank') return
    const url = new URL(frame.url())
    origin ??= url.origin
    if (url.origin !== origin) problems.push(`navigation: ${frame.url()}`)
  })
  return {
    assertClean: () => expect(problems).toEqual([]),
  }
}

/** The page and its scrolling box (the conversation log, or another) never scroll sideways. */
export async function expectNoHorizontalScroll(page: Page, scroller = '[data-part=log]') {
  const overflow = await page.evaluate((selector) => {
    const box = document.querySelector(selector)
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      box: box ? box.scrollWidth - box.clientWidth : 0,
    }
  }, scroller)
  expect(overflow.page).toBeLessThanOrEqual(0)
  expect(overflow.box).toBeLessThanOrEqual(0)
}
