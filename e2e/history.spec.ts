import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page, type Route } from '@playwright/test'
import { chatPage, failOnScriptActivity } from './chat-page.ts'

const WIDE = { width: 1280, height: 800 }
const PHONE = { width: 360, height: 740 }
const STORAGE_KEY = 'chatskins:minimal:conversation_id'

/**
 * One turn through `/talk` with the page's cookies (so as this visitor), read to its end; much
 * faster than typing. Resolves with the conversation id.
 */
async function talk(
  page: Page,
  query: string,
  conversationId?: string,
  endpoint = 'minimal',
): Promise<string> {
  const response = await page.request.post(`/${endpoint}/talk`, {
    data: { query, inputs: {}, ...(conversationId ? { conversation_id: conversationId } : {}) },
  })
  expect(response.ok()).toBe(true)
  const body = await response.text()
  const id = /"conversation_id":\s*"([0-9a-f-]{36})"/.exec(body)?.[1]
  if (!id) throw new Error(`no conversation in the stream: ${body.slice(0, 200)}`)
  return id
}

/** A conversation of `turns` questions `turn 1` … `turn N`, answered by echo. */
async function longConversation(page: Page, turns: number): Promise<string> {
  const id = await talk(page, '[[echo]] turn 1')
  for (let n = 2; n <= turns; n++) await talk(page, `[[echo]] turn ${n}`, id)
  return id
}

async function openConversation(page: Page, id: string) {
  await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, id])
  await page.reload()
}

/** Holds matching requests until `release()`; from then on they pass straight through. */
async function holdRequests(page: Page, matches: (url: URL) => boolean) {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  let held = 0
  await page.route(matches, async (route: Route) => {
    held++
    await released
    await route.continue()
  })
  return { release, held: () => held }
}

const isMessages = (url: URL) => url.pathname === '/minimal/api/messages'
const isOlderPage = (url: URL) => isMessages(url) && url.searchParams.has('first_id')

function locators(page: Page) {
  const panel = page.locator('[data-part=conversations]')
  return {
    questions: page.locator('[data-part=message][data-role=user] [data-part=content]'),
    answers: page.locator('[data-part=message][data-role=bot] [data-part=content]'),
    log: page.locator('[data-part=log]'),
    greeting: page.locator('[data-part=empty]'),
    loadEarlier: page.locator('[data-part=load-earlier]'),
    panel,
    items: panel.locator('[data-part=conversation]'),
    names: panel.locator('[data-part=conversation-name]'),
    toggle: page.locator('[data-part=conversations-toggle]'),
  }
}

test.describe('history of the conversation', () => {
  test('a reload brings the conversation back, quietly, without the greeting @core', async ({
    page,
  }) => {
    const guard = failOnScriptActivity(page)
    const chat = chatPage(page)
    const { questions, answers, greeting, log } = locators(page)
    await page.goto('/minimal/')
    await chat.send('[[echo]] first question')
    await chat.waitForAnswer(1)
    await chat.send('[[echo]] **second** question')
    await chat.waitForAnswer(2)
    const id = await chat.storedConversationId('minimal')

    const history = await holdRequests(page, isMessages)
    await page.reload()
    await expect(page.locator('[data-part=history-loading]')).toBeVisible()
    await expect(greeting).toHaveCount(0)
    await expect(log).toHaveAttribute('aria-busy', 'true')
    history.release()

    await expect(questions).toHaveText(['first question', '**second** question'])
    await expect(answers).toHaveText(['first question', 'second question'])
    await expect(answers.nth(1).locator('strong')).toHaveText('second')
    await expect(page.locator('[data-part=history-loading]')).toHaveCount(0)
    await expect(page.locator('[data-part=load-earlier]')).toHaveCount(0)
    await expect(greeting).toHaveCount(0)

    await chat.send('[[echo]] third')
    await chat.waitForAnswer(3)
    expect(chat.talkBodies.at(-1)?.conversation_id).toBe(id)
    guard.assertClean()
  })

  test('a stored id Dify no longer knows is dropped silently for a fresh chat', async ({
    page,
  }) => {
    const chat = chatPage(page)
    const { greeting } = locators(page)
    await page.addInitScript(
      ([key, id]) => localStorage.setItem(key!, id!),
      [STORAGE_KEY, '0b7d1f5e-1c2a-4e3b-9d4c-5f6a7b8c9d0e'],
    )
    const answered = page.waitForResponse((response) => isMessages(new URL(response.url())))
    await page.goto('/minimal/')
    expect((await answered).status()).toBe(404)
    await expect(greeting).toBeVisible()
    await expect(chat.alert).toBeHidden()
    await expect(page.locator('[data-part=history-error]')).toHaveCount(0)
    expect(await chat.storedConversationId('minimal')).toBeNull()

    await chat.send('hello')
    await chat.waitForAnswer(1)
    expect(chat.talkBodies.map((body) => body.conversation_id)).toEqual([undefined])
  })

  test('a long conversation pages in older messages on scrolling up, in order, in place', async ({
    page,
  }) => {
    test.setTimeout(60_000) // 45 turns to set up
    const { questions, log, loadEarlier } = locators(page)
    await page.setViewportSize(WIDE)
    await page.goto('/minimal/')
    const id = await longConversation(page, 45)
    const older = await holdRequests(page, isOlderPage)
    await openConversation(page, id)

    // The newest 20 turns, scrolled to the end.
    await expect(questions).toHaveCount(20)
    await expect(questions.first()).toHaveText('turn 26')
    await expect(questions.last()).toHaveText('turn 45')
    await expect
      .poll(() => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
      .toBeLessThan(2)
    await expect(loadEarlier).toHaveText('Load earlier messages')

    // Scrolling to the top asks for the page before; what is on screen stays where it is.
    await log.evaluate((el) => (el.scrollTop = 0))
    await expect.poll(older.held).toBe(1)
    await expect(loadEarlier).toHaveText('Loading earlier messages…')
    const before = await questions.first().boundingBox()
    older.release()
    await expect(questions).toHaveCount(40)
    const turn26 = questions.filter({ hasText: /^turn 26$/ })
    const after = await turn26.boundingBox()
    expect(Math.abs((after?.y ?? 0) - (before?.y ?? 0))).toBeLessThan(2)

    // Up again: the last page ends the paging. (The button alone is tested below.)
    await log.evaluate((el) => (el.scrollTop = 0))
    await expect(questions).toHaveCount(45)
    await expect(loadEarlier).toHaveCount(0)
    const texts = await questions.allTextContents()
    expect(texts).toEqual(Array.from({ length: 45 }, (_, i) => `turn ${i + 1}`))
  })

  test('a failed older page says so, is not retried in a loop, and the button retries', async ({
    page,
  }) => {
    const { questions, log, loadEarlier } = locators(page)
    await page.setViewportSize(WIDE)
    await page.goto('/minimal/')
    const id = await longConversation(page, 25)
    let failures = 0
    await page.route(isOlderPage, (route) => {
      failures++
      return route.abort()
    })
    await openConversation(page, id)
    await expect(questions).toHaveCount(20)
    await log.evaluate((el) => (el.scrollTop = 0))
    await expect(page.locator('[data-part=history-error]')).toHaveText(
      'Could not load the messages. Check your connection and try again.',
    )
    await page.waitForTimeout(500)
    expect(failures).toBe(1)
    await expect(questions).toHaveCount(20)

    await page.unroute(isOlderPage)
    await expect(loadEarlier).toHaveText('Try again')
    await loadEarlier.click()
    await expect(questions).toHaveCount(25)
    await expect(page.locator('[data-part=history-error]')).toHaveCount(0)
  })
})

test.describe('the conversation list', () => {
  test('on wide screens a sidebar lists and switches; a turn moves its conversation up', async ({
    page,
  }) => {
    const guard = failOnScriptActivity(page)
    const chat = chatPage(page)
    const { questions, greeting, panel, items, names, toggle } = locators(page)
    await page.setViewportSize(WIDE)
    await page.goto('/minimal/')
    const alpha = await talk(page, '[[echo]] Alpha trip')
    await talk(page, '[[echo]] Beta recipes')
    await talk(page, '[[echo]] Gamma notes')
    await page.reload()

    await expect(panel).toHaveAttribute('data-mode', 'sidebar')
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    await expect(names).toHaveText(['Gamma notes', 'Beta recipes', 'Alpha trip'])
    await expect(panel.locator('[aria-current=true]')).toHaveCount(0)

    // Switch: the conversation's messages, its id kept for the next reload.
    await items.nth(2).locator('[data-part=conversation-select]').click()
    await expect(questions).toHaveText(['Alpha trip'])
    await expect(items.nth(2).locator('[data-part=conversation-select]')).toHaveAttribute(
      'aria-current',
      'true',
    )
    expect(await chat.storedConversationId('minimal')).toBe(alpha)

    // A turn moves the conversation to the top of the list.
    await chat.send('[[echo]] more about the trip')
    await chat.waitForAnswer(2)
    await expect(names).toHaveText(['Alpha trip', 'Gamma notes', 'Beta recipes'])

    // New chat from the list; the first turn's conversation appears on top with Dify's name.
    await panel.locator('[data-part=conversations-new]').click()
    await expect(greeting).toBeVisible()
    await expect(panel.locator('[aria-current=true]')).toHaveCount(0)
    await chat.send('[[echo]] Delta plans')
    await chat.waitForAnswer(1)
    await expect(names).toHaveText(['Delta plans', 'Alpha trip', 'Gamma notes', 'Beta recipes'])
    await expect(items.first().locator('[data-part=conversation-select]')).toHaveAttribute(
      'aria-current',
      'true',
    )

    // The sidebar collapses, and stays collapsed across a reload.
    await toggle.click()
    await expect(panel).toBeHidden()
    await page.reload()
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await expect(panel).toBeHidden()
    await expect(questions).toHaveText(['Delta plans'])
    await toggle.click()
    await expect(names).toHaveCount(4)
    guard.assertClean()
  })

  test('rename in place: Esc cancels, an empty name is refused, Enter saves', async ({ page }) => {
    const guard = failOnScriptActivity(page)
    const { panel, items, names } = locators(page)
    await page.setViewportSize(WIDE)
    await page.goto('/minimal/')
    await talk(page, '[[echo]] Alpha trip')
    await talk(page, '[[echo]] Beta recipes')
    await page.reload()

    const beta = items.first()
    const input = panel.locator('[data-part=conversation-name-input]')
    await beta.hover()
    await beta.locator('[data-part=conversation-rename]').click()
    await expect(input).toBeFocused()
    await expect(input).toHaveValue('Beta recipes')
    await input.fill('Not this')
    await input.press('Escape')
    await expect(input).toHaveCount(0)
    await expect(names).toHaveText(['Beta recipes', 'Alpha trip'])
    await expect(beta.locator('[data-part=conversation-select]')).toBeFocused()

    await beta.locator('[data-part=conversation-rename]').click()
    await input.fill('   ')
    await input.press('Enter')
    await expect(panel.locator('[data-part=conversation-hint]')).toHaveText('Enter a name.')
    await expect(input).toHaveAttribute('aria-invalid', 'true')

    // The name is only ever text.
    const hostile = '<img src=x onerror=alert(1)> Baking 🍞'
    await input.fill(hostile)
    await input.press('Enter')
    await expect(names).toHaveText([hostile, 'Alpha trip'])
    await expect(panel.locator('img')).toHaveCount(0)

    // The server has it: a reload shows it.
    await page.reload()
    await expect(names).toHaveText([hostile, 'Alpha trip'])
    guard.assertClean()
  })

  test('delete asks first; deleting the conversation shown starts a new chat', async ({ page }) => {
    const chat = chatPage(page)
    const { questions, greeting, items, names } = locators(page)
    await page.setViewportSize(WIDE)
    await page.goto('/minimal/')
    const alpha = await talk(page, '[[echo]] Alpha trip')
    await talk(page, '[[echo]] Gamma notes')
    await openConversation(page, alpha)
    await expect(names).toHaveText(['Gamma notes', 'Alpha trip'])
    await expect(questions).toHaveText(['Alpha trip'])

    const gamma = items.first()
    await gamma.hover()
    await gamma.locator('[data-part=conversation-delete]').click()
    await expect(gamma.locator('[data-part=conversation-confirm-text]')).toHaveText(
      'Delete “Gamma notes”? This can’t be undone.',
    )
    await expect(gamma.locator('[data-part=conversation-cancel]')).toBeFocused()
    await gamma.locator('[data-part=conversation-cancel]').click()
    await expect(names).toHaveText(['Gamma notes', 'Alpha trip'])

    await gamma.locator('[data-part=conversation-delete]').click()
    await gamma.locator('[data-part=conversation-confirm-delete]').click()
    await expect(names).toHaveText(['Alpha trip'])
    await expect(questions).toHaveText(['Alpha trip'])

    const current = items.first()
    await current.locator('[data-part=conversation-delete]').click()
    await current.locator('[data-part=conversation-confirm-delete]').click()
    await expect(names).toHaveCount(0)
    await expect(page.locator('[data-part=conversations-empty]')).toBeVisible()
    await expect(greeting).toBeVisible()
    expect(await chat.storedConversationId('minimal')).toBeNull()

    await page.reload()
    await expect(page.locator('[data-part=conversations-empty]')).toBeVisible()
  })

  test('the list pages on with last_id as it scrolls, without duplicates', async ({ page }) => {
    const { panel, names } = locators(page)
    await page.setViewportSize(WIDE)
    await page.goto('/minimal/')
    for (let n = 1; n <= 25; n++) await talk(page, `[[echo]] Topic ${n}`)
    await page.reload()
    await expect(names).toHaveCount(20)
    await expect(names.first()).toHaveText('Topic 25')
    await panel
      .locator('[data-part=conversations-scroll]')
      .evaluate((el) => (el.scrollTop = el.scrollHeight))
    await expect(names).toHaveCount(25)
    await expect(panel.locator('[data-part=conversations-more]')).toHaveCount(0)
    expect(await names.allTextContents()).toEqual(
      Array.from({ length: 25 }, (_, i) => `Topic ${25 - i}`),
    )
  })

  test('switching stops an answer that is still streaming', async ({ page }) => {
    const chat = chatPage(page)
    const { questions, names, items } = locators(page)
    await page.setViewportSize(WIDE)
    await page.goto('/minimal/')
    const quiet = await talk(page, '[[echo]] Quiet one')
    await page.reload()
    await expect(names).toHaveText(['Quiet one'])

    await chat.send('[[slow=80]] a long story')
    await expect(chat.botMessages.first()).toHaveAttribute('data-state', 'streaming')
    await items.last().locator('[data-part=conversation-select]').click()
    await expect(page.locator('[data-part=app]')).toHaveAttribute('data-busy', 'false')
    await expect(questions).toHaveText(['Quiet one'])
    expect(await chat.storedConversationId('minimal')).toBe(quiet)
    await expect(names).toHaveText(['a long story', 'Quiet one'])
  })

  test('on a phone the list is a drawer: modal, Esc closes it, focus comes back', async ({
    page,
  }) => {
    const { questions, panel, items, names, toggle } = locators(page)
    await page.setViewportSize(PHONE)
    await page.goto('/minimal/')
    await talk(page, '[[echo]] Alpha')
    await talk(page, '[[echo]] A name long enough to need cutting short in a narrow drawer')
    await page.reload()

    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await expect(panel).toBeHidden()
    await toggle.click()
    await expect(panel).toBeVisible()
    await expect(panel).toHaveAttribute('data-mode', 'drawer')
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    await expect(page.locator('[data-part=conversations-close]')).toBeFocused()
    await expect(names).toHaveCount(2)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    )

    // The chat behind is inert: Tab never reaches it while the drawer is open.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab')
      const outside = await page.evaluate(() => {
        const focused = document.activeElement
        if (!focused || focused === document.body) return null
        return focused.closest('[data-part=conversations]') ? null : focused.outerHTML
      })
      expect(outside).toBeNull()
    }

    // Esc in the rename field cancels the rename, not the drawer.
    await items.last().locator('[data-part=conversation-rename]').click()
    // The editor is a lazy chunk: Esc goes to the field once it is there.
    await expect(panel.locator('[data-part=conversation-name-input]')).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(panel.locator('[data-part=conversation-name-input]')).toHaveCount(0)
    await expect(panel).toBeVisible()

    await page.keyboard.press('Escape')
    await expect(panel).toBeHidden()
    await expect(toggle).toBeFocused()
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')

    // Choosing a conversation closes the drawer and shows it.
    await toggle.click()
    await items.last().locator('[data-part=conversation-select]').click()
    await expect(panel).toBeHidden()
    await expect(questions).toHaveText(['Alpha'])

    // A click on the dimmed chat closes it too.
    await toggle.click()
    await expect(panel).toBeVisible()
    await page.mouse.click(PHONE.width - 10, PHONE.height / 2)
    await expect(panel).toBeHidden()
  })
})

test('another visitor never sees, opens, renames or deletes these conversations', async ({
  page,
  browser,
}) => {
  const { names } = locators(page)
  await page.setViewportSize(WIDE)
  await page.goto('/minimal/')
  const mine = await talk(page, '[[echo]] Private plans')

  const context = await browser.newContext({ viewport: WIDE })
  const other = await context.newPage()
  await other.addInitScript(([key, id]) => localStorage.setItem(key!, id!), [STORAGE_KEY, mine])
  await other.goto('/minimal/')
  await expect(other.locator('[data-part=conversations-empty]')).toHaveText(
    'No chats yet. Conversations you start appear here.',
  )
  await expect(other.locator('[data-part=empty]')).toBeVisible()
  await expect(other.locator('[data-part=message]')).toHaveCount(0)
  expect((await other.request.get(`/minimal/api/messages?conversation_id=${mine}`)).status()).toBe(
    404,
  )
  const rename = await other.request.post(`/minimal/api/conversations/${mine}/name`, {
    data: { name: 'mine now' },
  })
  expect(rename.status()).toBe(404)
  const removal = await other.request.delete(`/minimal/api/conversations/${mine}`, { data: {} })
  expect(removal.status()).toBe(404)
  await context.close()

  await page.reload()
  await expect(names).toHaveText(['Private plans'])
})

for (const theme of ['minimal', 'kawaii', 'korean', 'western']) {
  test(`${theme}: the drawer and its confirmation fit a 320 px phone and pass axe`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } })
    const page = await context.newPage()
    const { items, toggle } = locators(page)
    await page.goto(`/${theme}/`)
    await talk(page, '[[echo]] A conversation name long enough to be cut short', undefined, theme)
    await talk(page, '[[echo]] 짧은 대화', undefined, theme)
    await page.reload()
    await toggle.click()
    await items.last().locator('[data-part=conversation-delete]').click()
    await expect(items.last().locator('[data-part=conversation-confirm]')).toBeVisible()
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      list: document.querySelector('[data-part=conversations-scroll]')?.scrollWidth ?? 0,
      listBox: document.querySelector('[data-part=conversations-scroll]')?.clientWidth ?? 0,
    }))
    expect(widths.page).toBeLessThanOrEqual(320)
    expect(widths.list).toBeLessThanOrEqual(widths.listBox)
    const axe = await new AxeBuilder({ page }).analyze()
    const serious = axe.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => violation.id)
    expect(serious).toEqual([])
    await context.close()
  })
}
