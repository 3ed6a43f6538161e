import { createHmac } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { CROSS_SITE_LAUNCH } from './cross-site.ts'
import { serveHostPage, type HostPageOptions } from './embed-host.ts'

test.use({ launchOptions: CROSS_SITE_LAUNCH })

const THEMES = ['minimal', 'kawaii', 'korean', 'western'] as const
/** e2e/endpoints.json: the embed endpoints' `embedSecret`. */
const EMBED_SECRET = 'e2e-embed-secret-not-for-production-use'

/** What an operator's backend does (README, "Embed on your site"). */
function siteToken(sub: string, secret = EMBED_SECRET, expiresIn = 3600): string {
  const claims = { sub, exp: Math.floor(Date.now() / 1000) + expiresIn }
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  const signature = createHmac('sha256', secret).update(payload).digest('base64url')
  return `${payload}.${signature}`
}

async function openShop(page: Page, baseURL: string, options: Partial<HostPageOptions> = {}) {
  const url = await serveHostPage(page, baseURL, {
    ...options,
    attributes: options.attributes ?? { endpoint: 'embed-minimal' },
  })
  await page.goto(url)
  return shop(page)
}

/** The shop page with the embed, as a visitor sees and drives it. */
function shop(page: Page) {
  const launcher = page.locator('[data-part=launcher]')
  const panel = page.locator('[data-part=embed-panel]')
  const chat = page.frameLocator('[data-part=embed-panel] iframe')
  const input = chat.locator('[data-part=input]')
  return {
    launcher,
    panel,
    chat,
    input,
    botMessages: chat.locator('[data-part=message][data-role=bot]'),
    userMessages: chat.locator('[data-part=message][data-role=user]'),
    async open() {
      await launcher.click()
      await expect(input).toBeFocused()
    },
    async ask(text: string, nth: number) {
      await input.fill(text)
      await input.press('Enter')
      await expect(chat.locator('[data-part=message][data-role=bot]').nth(nth - 1)).toHaveAttribute(
        'data-state',
        'done',
      )
      await expect(chat.locator('[data-part=app]')).toHaveAttribute('data-busy', 'false')
    },
  }
}

for (const theme of THEMES) {
  test(`${theme}: the launcher and panel wear the theme at 360 and 1280 px, light and dark; the conversation survives closing and reloading`, async ({
    page,
    baseURL,
  }) => {
    // Sixteen cold panel loads and two turns per pack on a shared machine.
    test.slow()
    const url = await serveHostPage(page, baseURL!, { attributes: { endpoint: `embed-${theme}` } })
    let chatted = false
    for (const width of [360, 1280]) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 800 })
        await page.emulateMedia({ colorScheme: scheme })
        // Every combination after the first reloads the host page onto the same conversation.
        await page.goto(url)
        const { launcher, panel, input, chat, open, ask, userMessages, botMessages } = shop(page)
        await expect(launcher).toBeVisible()
        await open()
        await expect(panel).toBeVisible()
        const box = (await panel.boundingBox())!
        if (width === 360) expect(box).toMatchObject({ x: 0, y: 0, width: 360 })
        else expect(box.width).toBeLessThanOrEqual(400)
        await expect(input).toBeVisible()
        if (!chatted) {
          await ask('Hello there', 1)
          await ask('And a second question', 2)
          chatted = true
        }
        await expect(userMessages).toHaveText([/Hello there/, /And a second question/])
        await expect(botMessages).toHaveCount(2)
        await page.screenshot({ path: `test-results/embed/${theme}-${width}-${scheme}.png` })
        await chat.locator('[data-part=embed-close]').click()
        await expect(panel).toBeHidden()
        await expect(launcher).toBeFocused()
      }
    }
  })
}

test('a conversation survives closing the panel and reloading the host page', async ({
  page,
  baseURL,
}) => {
  const { launcher, open, ask, userMessages, botMessages } = await openShop(page, baseURL!)
  await expect(launcher).toHaveAttribute('aria-expanded', 'false')
  await expect(launcher).toHaveAttribute('aria-controls', 'chatskins-panel')
  await open()
  await expect(launcher).toHaveAttribute('aria-expanded', 'true')
  await ask('Hello there', 1)
  await ask('And a second question', 2)
  await page.locator('body').evaluate(() => {})
  await shop(page).chat.locator('[data-part=embed-close]').click()
  await expect(launcher).toHaveAttribute('aria-expanded', 'false')
  await expect(launcher).toBeFocused()
  await page.reload()
  await shop(page).open()
  await expect(userMessages).toHaveText(['Hello there', 'And a second question'])
  await expect(botMessages).toHaveCount(2)
})

test('a returning visitor sees the greeting and starters before /parameters answers', async ({
  page,
  baseURL,
}) => {
  const greeting = "Hi! I'm the chatskins demo bot. Ask me anything. I answer in markdown."
  const starters = ['What can you do?', 'Show me some code', 'Which themes are there?']
  const first = await openShop(page, baseURL!)
  await first.open()
  await expect(first.chat.locator('[data-part=empty] [data-part=suggestion]')).toHaveText(starters)
  // On the next visit `/parameters` is held back until the welcome has been checked.
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  let asked = false
  await page.route('**/embed-minimal/api/parameters', async (route) => {
    asked = true
    await held
    await route.continue()
  })
  await page.reload()
  const again = shop(page)
  await again.open()
  await expect(again.chat.locator('[data-part=opening]')).toHaveText(greeting)
  await expect(again.chat.locator('[data-part=empty] [data-part=suggestion]')).toHaveText(starters)
  expect(asked).toBe(true)
  release()
})

test('a button on the host page asks the chat, Esc closes it and focus returns', async ({
  page,
  baseURL,
}) => {
  const { launcher, panel, input, userMessages, botMessages } = await openShop(page, baseURL!)
  await page.locator('#ask').click()
  await expect(panel).toBeVisible()
  await expect(userMessages).toHaveText(['How long does shipping take?'])
  await expect(botMessages.first()).toHaveAttribute('data-state', 'done')
  // The page's own `on('answer')` listener saw the answer.
  await expect(page.locator('#answers li')).toHaveCount(1)
  await expect(page.locator('#answers li')).toContainText('chatskins demo bot')
  await expect(page.locator('body')).toHaveAttribute('data-chat', 'open')
  await input.focus()
  await input.press('Escape')
  await expect(panel).toBeHidden()
  await expect(launcher).toBeFocused()
  await expect(page.locator('body')).toHaveAttribute('data-chat', 'closed')
})

test('the host page keeps its styles and the chat keeps its own; axe finds nothing serious', async ({
  page,
  baseURL,
}) => {
  const { launcher, open } = await openShop(page, baseURL!)
  // shop.css makes every button yellow and huge, with !important; the launcher is untouched.
  await expect(page.locator('#ask')).toHaveCSS('font-size', '40px')
  await expect(launcher).not.toHaveCSS('background-color', 'rgb(255, 255, 0)')
  expect((await launcher.boundingBox())!.width).toBe(60)
  // One element and one global on the host page.
  expect(await page.locator('body > chatskins-embed').count()).toBe(1)
  await open()
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact!))
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([])
})

test('on a phone the panel fills the screen and the page behind does not scroll', async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 360, height: 740 })
  const { panel, open, chat } = await openShop(page, baseURL!)
  await open()
  expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 740 })
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe(
    'hidden',
  )
  await chat.locator('[data-part=embed-close]').click()
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe(
    'visible',
  )
})

test('every option: left, offset, open at load, locale, inputs; and inline mode', async ({
  page,
  baseURL,
}) => {
  const { launcher, panel, chat } = await openShop(page, baseURL!, {
    attributes: {
      endpoint: 'embed-minimal',
      position: 'left',
      offset: '32',
      open: 'true',
      locale: 'ja',
      inputs: JSON.stringify({ name: 'Ann' }),
    },
  })
  await expect(panel).toBeVisible()
  await expect(launcher).toHaveAttribute('aria-label', 'チャットを閉じる')
  expect((await launcher.boundingBox())!.x).toBe(32)
  await expect(chat.locator('html')).toHaveAttribute('lang', 'ja')
  // The panel preloaded its lazy first-render chunks: the pinned locale's dictionary, the bridge.
  await expect(chat.locator('link[rel=modulepreload][href*="/assets/ja-"]')).toHaveCount(1)
  await expect(chat.locator('link[rel=modulepreload][href*="/assets/host-bridge-"]')).toHaveCount(1)
  // And what the entry itself imports, and the close button: no chunk waits for another to arrive.
  await expect(chat.locator('link[rel=modulepreload][href*="/assets/shared-"]')).toHaveCount(1)
  await expect(
    chat.locator('link[rel=modulepreload][href*="/assets/EmbedCloseButton-"]'),
  ).toHaveCount(1)
  await expect(chat.locator('[data-part=embed-close]')).toHaveText('チャットを閉じる')
  // data-inputs reaches the panel as the page URL's input prefill.
  expect(await page.locator('[data-part=embed-panel] iframe').getAttribute('src')).toContain(
    'name=Ann',
  )

  const inline = shop(page)
  await openShop(page, baseURL!, {
    attributes: { endpoint: 'embed-kawaii', mode: 'inline', target: '#help-chat' },
  })
  await expect(page.locator('#help-chat > chatskins-embed')).toHaveCount(1)
  await expect(inline.launcher).toHaveCount(0)
  await expect(inline.input).toBeVisible()
  await inline.ask('Inline hello', 1)
  await page.screenshot({ path: 'test-results/embed/inline-kawaii.png' })
})

test('a strict host CSP: only the chat origin in script-src and frame-src', async ({
  page,
  baseURL,
}) => {
  const errors: string[] = []
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
  const csp = `default-src 'self'; script-src 'self' ${baseURL}; frame-src ${baseURL}`
  const { open, ask } = await openShop(page, baseURL!, { csp })
  await open()
  await ask('Under a strict CSP', 1)
  // Only the pack's launcher icon may be refused (img-src); the built-in glyph stands in.
  expect(errors.filter((text) => !/img-src/.test(text))).toEqual([])
  await page.screenshot({ path: 'test-results/embed/strict-csp.png' })
})

test('a host origin the endpoint does not list gets a console refusal and no chat', async ({
  page,
  baseURL,
}) => {
  const refusal = page.waitForEvent('console', (message) => message.type() === 'error')
  await openShop(page, baseURL!, { attributes: { endpoint: 'minimal' } })
  expect((await refusal).text()).toContain('may not embed endpoint "minimal"')
  await page.waitForLoadState('networkidle')
  await expect(page.locator('chatskins-embed')).toHaveCount(0)
  // Framing the page directly is refused by its frame-ancestors too.
  const response = await page.request.get(`${baseURL}/minimal/?embed=http://localhost`)
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'self'")
})

test('a signed identity follows the site user across browsers; a forged one does not', async ({
  browser,
  baseURL,
}) => {
  // Three browsers, each loading the panel twice.
  test.slow()
  const token = siteToken(`alice-${Date.now()}`)
  const visit = async (identity: string) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const warnings: string[] = []
    page.on('console', (message) => warnings.push(message.text()))
    let panelLoads = 0
    page.on('framenavigated', (frame) => frame !== page.mainFrame() && panelLoads++)
    const visitor = await openShop(page, baseURL!)
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/embed/identify'))
    await page.evaluate((value) => window.chatskins('identify', value), identity)
    const response = await answer
    // Each visit is a fresh browser, so an accepted identity is new: the panel reloads with it.
    if (response.ok()) await expect.poll(() => panelLoads).toBe(2)
    return { context, page, warnings, ...visitor }
  }
  const laptop = await visit(token)
  await laptop.open()
  await laptop.ask('Where is my order 42?', 1)
  await laptop.context.close()

  const phone = await visit(token)
  await phone.open()
  await phone.chat.locator('[data-part=conversations-toggle]').click()
  const items = phone.chat.locator('[data-part=conversation]')
  await expect(items).toHaveCount(1)
  await items.first().locator('[data-part=conversation-select]').click()
  await expect(phone.userMessages).toHaveText(['Where is my order 42?'])

  const forged = await visit(siteToken(token, 'a-forger-who-guessed-a-long-secret-value'))
  await forged.open()
  await expect.poll(() => forged.warnings.join('\n')).toContain('identify refused')
  await forged.chat.locator('[data-part=conversations-toggle]').click()
  await expect(forged.chat.locator('[data-part=conversations-empty]')).toBeVisible()

  // Logout: back to an anonymous visitor, the panel cleared.
  const loggedOut = phone.page.waitForResponse((r) => r.url().endsWith('/api/embed/logout'))
  await phone.page.evaluate(() => window.chatskins('logout'))
  await loggedOut
  await expect(phone.userMessages).toHaveCount(0)
  await phone.chat.locator('[data-part=conversations-toggle]').click()
  await expect(phone.chat.locator('[data-part=conversations-empty]')).toBeVisible()
})

/** The colour `--cs-accent` resolves to where `element` is, as a computed background. */
function accentAt(element: Element): string {
  const probe = document.createElement('i')
  probe.style.backgroundColor = 'var(--cs-accent)'
  element.append(probe)
  const color = getComputedStyle(probe).backgroundColor
  probe.remove()
  return color
}

for (const theme of THEMES) {
  test(`${theme}: a branded endpoint's launcher wears its brand accent, like its page`, async ({
    page,
    baseURL,
  }) => {
    const accents: Record<string, string> = {}
    for (const endpoint of [`brand-${theme}`, `embed-${theme}`]) {
      const url = await serveHostPage(page, baseURL!, { attributes: { endpoint } })
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme })
        await page.goto(url)
        const { launcher, chat } = shop(page)
        // The pointer on the launcher loads the panel; its page shows the accent it wears.
        await launcher.hover()
        const pageAccent = await chat.locator('[data-part=app]').evaluate(accentAt)
        await expect(launcher).toHaveCSS('background-color', pageAccent)
        accents[`${endpoint} ${scheme}`] = pageAccent
      }
    }
    // The brand changed the launcher; without a brand it keeps the pack's accent.
    expect(accents[`brand-${theme} light`]).not.toBe(accents[`embed-${theme} light`])
    expect(accents[`brand-${theme} dark`]).not.toBe(accents[`embed-${theme} dark`])
  })
}

test('setInputs from the host page sets the inputs the next turn sends to Dify', async ({
  page,
  baseURL,
}) => {
  const { open, ask, chat } = await openShop(page, baseURL!, {
    attributes: { endpoint: 'embed-full' },
  })
  await open()
  // `name` is required: the greeting shows its label until the host page fills it in.
  await expect(chat.locator('[data-part=opening-blank]')).toHaveText('Your name')
  await page.evaluate(() => window.chatskins('setInputs', { name: 'Ann', lang: 'fr' }))
  await expect(chat.locator('[data-part=opening]')).toContainText('Hello Ann!')
  await ask('Who am I?', 1)
  // What Dify keeps with the conversation, read as the panel reads it, with its own identity.
  const panel = page.frames().find((frame) => frame.url().includes('/embed-full/'))!
  const stored = await panel.evaluate(async (host) => {
    const id = localStorage.getItem(`chatskins:embed-full:embed:${host}:conversation_id`)
    const response = await fetch(`/embed-full/api/messages?conversation_id=${id}`, {
      headers: { 'X-Chatskins-Embed': '1' },
    })
    return ((await response.json()) as { data: Array<{ inputs: unknown }> }).data
  }, new URL(page.url()).origin)
  expect(stored).toHaveLength(1)
  expect(stored[0]!.inputs).toMatchObject({ name: 'Ann', lang: 'fr' })
})

test('a plain user id from the page is refused with a console message; the visitor stays', async ({
  page,
  baseURL,
}) => {
  const warnings: string[] = []
  page.on('console', (message) => warnings.push(message.text()))
  const { open, ask, userMessages } = await openShop(page, baseURL!)
  await open()
  await ask('Before identify', 1)
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/embed/identify'))
  await page.evaluate(() => window.chatskins('identify', 'alice@example.com'))
  expect((await refused).status()).toBe(401)
  await expect
    .poll(() => warnings.join('\n'))
    .toContain('identify refused. Identity refused: this is not a signed token')
  // Still the same anonymous visitor, conversation and all: nothing reloaded.
  await expect(userMessages).toHaveText(['Before identify'])
})

declare global {
  interface Window {
    chatskins: (command: string, ...args: unknown[]) => void
  }
}

test('the gallery card shows the endpoint’s embed snippet, ready to copy', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL })
  await page.goto('/')
  const snippet = `<script src="${baseURL}/embed.js" data-endpoint="embed-kawaii" async></script>`
  const embed = page.locator('.card-embed').filter({ hasText: 'data-endpoint="embed-kawaii"' })
  await embed.locator('summary').click()
  await expect(embed.locator('code')).toHaveText(snippet)
  await embed.locator('[data-copy]').click()
  await expect(embed.locator('[data-copy]')).toHaveText('Copied')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet)
})
