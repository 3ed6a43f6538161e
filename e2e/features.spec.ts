import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { chatPage, expectNoHorizontalScroll, failOnScriptActivity } from './chat-page.ts'
import { FEATURE_ENDPOINTS } from './theme-matrix.ts'

/**
 * The app features the Dify parameters switch on (opening statement, suggested questions, the
 * inputs form), the actions on an answer, and what Agent and Chatflow apps add, against the fake
 * Dify: `app-chat` (demo parameters), `app-agent`, `app-chatflow` and `app-full` (every input
 * type, citations on every answer).
 */

const part = (page: Page, name: string) => page.locator(`[data-part="${name}"]`)

/** What the fake stored for this visitor's conversation, through the endpoint's own API. */
async function storedMessages(page: Page, endpoint: string) {
  const conversationId = await page.evaluate(
    (key) => localStorage.getItem(key),
    `chatskins:${endpoint}:conversation_id`,
  )
  const response = await page.request.get(
    `/${endpoint}/api/messages?conversation_id=${conversationId}`,
  )
  expect(response.ok()).toBe(true)
  return ((await response.json()) as { data: Array<Record<string, unknown>> }).data
}

test.describe('greeting and suggested questions', () => {
  test('the opening statement and starter chips show before the first message; a chip sends', async ({
    page,
  }) => {
    const chat = chatPage(page)
    await page.goto('/minimal/')
    await expect(part(page, 'opening')).toHaveText(
      "Hi! I'm the chatskins demo bot. Ask me anything. I answer in markdown.",
    )
    const starters = part(page, 'empty').locator('[data-part=suggestion]')
    await expect(starters).toHaveText([
      'What can you do?',
      'Show me some code',
      'Which themes are there?',
    ])
    await expect(part(page, 'suggestions')).toHaveAttribute('aria-label', 'Suggested questions')

    await starters.first().click()
    await chat.waitForAnswer(1)
    await expect(chat.userMessages.first()).toHaveText('What can you do?')
    expect(chat.talkBodies[0]?.query).toBe('What can you do?')
    await expect(part(page, 'opening')).toHaveCount(0)
  })

  test('follow-up questions come under the last answer only, and a click sends one', async ({
    page,
  }) => {
    const chat = chatPage(page)
    await page.goto('/minimal/')
    const suggested = page.waitForResponse((response) => /\/suggested$/.test(response.url()))
    await chat.send('hello')
    const first = await chat.waitForAnswer(1)
    expect((await suggested).status()).toBe(200)
    const followUps = first.locator('[data-part=suggestion]')
    await expect(followUps).toHaveText([
      'Tell me more',
      'Can you give an example?',
      'What else can you do?',
    ])
    await expect(first.locator('[data-part=suggestions]')).toHaveAttribute(
      'aria-label',
      'Follow-up questions',
    )

    await followUps.first().click()
    await expect(first.locator('[data-part=suggestion]')).toHaveCount(0)
    const second = await chat.waitForAnswer(2)
    await expect(chat.userMessages.nth(1)).toHaveText('Tell me more')
    await expect(second.locator('[data-part=suggestion]')).toHaveCount(3)
    await expect(first.locator('[data-part=suggestion]')).toHaveCount(0)
  })

  test('an app that enables nothing shows no greeting, chips, form or follow-ups', async ({
    page,
  }) => {
    await page.route('**/minimal/api/parameters', (route) =>
      route.fulfill({
        json: { opening_statement: '', suggested_questions: [], user_input_form: [] },
      }),
    )
    const suggestedCalls: string[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('/suggested')) suggestedCalls.push(request.url())
    })
    const chat = chatPage(page)
    await page.goto('/minimal/')
    await expect(part(page, 'empty-body')).toHaveText(
      'Ask anything. Answers appear as they are written.',
    )
    await expect(part(page, 'opening')).toHaveCount(0)
    await expect(part(page, 'suggestions')).toHaveCount(0)
    await expect(part(page, 'inputs-form')).toHaveCount(0)
    await chat.send('hello')
    const answer = await chat.waitForAnswer(1)
    await expect(answer.locator('[data-part=message-actions]')).toBeVisible()
    await page.waitForTimeout(300)
    await expect(part(page, 'suggestions')).toHaveCount(0)
    expect(suggestedCalls).toEqual([])
  })

  test('without parameters at all the chat still works', async ({ page }) => {
    await page.route('**/minimal/api/parameters', (route) =>
      route.fulfill({
        status: 502,
        json: { code: 'upstream_unavailable', message: '', status: 502 },
      }),
    )
    const chat = chatPage(page)
    await page.goto('/minimal/')
    await chat.send('hello')
    await expect(await chat.waitForAnswer(1)).toContainText('chatskins demo bot')
    await expect(chat.alert).toBeHidden()
  })
})

test.describe('the inputs form', () => {
  test('validates like Dify, fills the greeting, and sends the inputs with every turn', async ({
    page,
  }) => {
    const chat = chatPage(page)
    await page.goto('/full/')
    const form = part(page, 'inputs-form')
    await expect(form).toBeVisible()
    // An input not filled in yet shows as its label, muted, never in braces.
    await expect(part(page, 'opening')).toContainText('Hello Your name!')
    await expect(part(page, 'opening')).not.toContainText('{{')
    await expect(part(page, 'opening-blank')).toHaveText('Your name')
    // Known types only: json_object and external_data_tool are left out; the file inputs follow.
    const types = await form
      .locator('[data-part=inputs-field]')
      .evaluateAll((fields) => fields.map((field) => field.getAttribute('data-type')))
    expect(types).toEqual([
      'text-input',
      'paragraph',
      'select',
      'number',
      'checkbox',
      'file',
      'file',
      'link',
    ])

    const name = page.getByRole('textbox', { name: 'Your name' })
    const age = page.getByRole('textbox', { name: /^Age/ })
    await expect(name).toHaveAttribute('aria-required', 'true')
    await chat.send('hello')
    await expect(name).toBeFocused()
    await expect(name).toHaveAttribute('aria-invalid', 'true')
    await expect(form.locator('[data-part=inputs-error]')).toHaveText(['Please fill this in.'])
    await expect(chat.input).toHaveValue('hello')
    expect(chat.talkBodies).toHaveLength(0)

    await name.fill('x'.repeat(49))
    await expect(form.locator('[data-part=inputs-error]')).toHaveText([
      'Use at most 48 characters.',
    ])
    await name.fill('Ann')
    await expect(part(page, 'opening')).toContainText('Hello Ann!')
    await age.fill('forty')
    await expect(form.locator('[data-part=inputs-error]')).toHaveText(['Enter a number.'])
    await age.fill('42')
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr')
    await page.getByRole('checkbox', { name: 'VIP' }).check()
    await expect(form.locator('[data-part=inputs-error]')).toHaveCount(0)

    await chat.input.press('Enter')
    await chat.waitForAnswer(1)
    expect(chat.talkBodies[0]?.query).toBe('hello')
    expect(inputsOf(chat, 0)).toEqual({ name: 'Ann', lang: 'fr', age: 42, vip: true })
    // The fake validates inputs as Dify does and keeps them with the conversation.
    expect((await storedMessages(page, 'full'))[0]?.inputs).toMatchObject({
      name: 'Ann',
      lang: 'fr',
      age: 42,
      vip: true,
    })

    // Locked for the conversation: a summary on top that opens on demand.
    await expect(form).toHaveCount(0)
    const summary = part(page, 'inputs-summary')
    await expect(summary).not.toHaveAttribute('open')
    await summary.locator('summary').click()
    await expect(summary.locator('[data-part=inputs-value]')).toHaveText([
      'Your nameAnn',
      'About youNot set',
      'Languagefr',
      'Age42',
      'VIPYes',
      'DocumentNot set',
      'ImagesNot set',
      'ReferenceNot set',
    ])
    await expect(summary.locator('input, select, textarea')).toHaveCount(0)

    await chat.send('and again')
    await chat.waitForAnswer(2)
    expect(inputsOf(chat, 1)).toEqual(inputsOf(chat, 0))

    // A reload keeps the conversation's inputs; New chat makes them editable again.
    await page.reload()
    await expect(part(page, 'inputs-summary')).toBeVisible()
    await chat.send('after the reload')
    await expect.poll(() => chat.talkBodies.length).toBe(3)
    expect(inputsOf(chat, 2)).toEqual(inputsOf(chat, 0))
    await expect(chat.botMessages.last()).toHaveAttribute('data-state', 'done')
    await chat.newChat()
    await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveValue('Ann')
  })

  test('URL parameters prefill the inputs and are checked the same way', async ({ page }) => {
    const chat = chatPage(page)
    await page.goto('/full/?name=Bo&lang=de&age=x&vip=yes&unknown=1')
    await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveValue('Bo')
    await expect(part(page, 'opening')).toContainText('Hello Bo!')
    await expect(page.getByRole('checkbox', { name: 'VIP' })).toBeChecked()
    await expect(part(page, 'inputs-error')).toHaveText([
      'Choose one of the options.',
      'Enter a number.',
    ])
    await chat.send('hi')
    await expect(page.getByRole('combobox', { name: 'Language' })).toBeFocused()
    expect(chat.talkBodies).toHaveLength(0)
    await page.getByRole('combobox', { name: 'Language' }).selectOption('en')
    await page.getByRole('textbox', { name: /^Age/ }).fill('')
    await chat.input.press('Enter')
    await chat.waitForAnswer(1)
    expect(inputsOf(chat, 0)).toEqual({ name: 'Bo', lang: 'en', vip: true })
  })

  test('messages are localized', async ({ browser }) => {
    // The visitor's browser language picks the UI locale, as a Korean visitor's would.
    const page = await browser.newPage({ locale: 'ko-KR' })
    await page.goto('/full-korean/?age=x')
    await expect(part(page, 'inputs-title')).toHaveText('시작하기 전에')
    await expect(part(page, 'inputs-error')).toHaveText(['숫자를 입력해 주세요.'])
    await expect(part(page, 'inputs-optional').first()).toHaveText('선택')
    await page.close()
  })
})

test.describe('answer actions', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

  test('copy puts the whole answer on the clipboard', async ({ page }) => {
    const chat = chatPage(page)
    await page.goto('/minimal/')
    await chat.send('[[echo]] Copy **this** text')
    const answer = await chat.waitForAnswer(1)
    await answer.getByRole('button', { name: 'Copy answer' }).click()
    await expect(answer.locator('[data-part=action-status]')).toHaveText('Copied')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Copy **this** text')
  })

  test('like and dislike toggle, reach Dify, show as pressed and survive a reload', async ({
    page,
  }) => {
    const chat = chatPage(page)
    // The request leaves the browser before Dify has stored it: read the rating back until it lands.
    const storedFeedback = async () => (await storedMessages(page, 'minimal'))[0]?.feedback
    const ratings: unknown[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('/feedbacks')) ratings.push(request.postDataJSON().rating)
    })
    await page.goto('/minimal/')
    await chat.send('hello')
    const answer = await chat.waitForAnswer(1)
    const like = answer.locator('[data-part=action-like]')
    const dislike = answer.locator('[data-part=action-dislike]')
    await expect(like).toHaveAttribute('aria-pressed', 'false')
    await expect(like).toHaveAccessibleName('Good answer')

    await like.click()
    await expect(like).toHaveAttribute('aria-pressed', 'true')
    await expect.poll(() => ratings).toEqual(['like'])
    await expect.poll(storedFeedback).toEqual({ rating: 'like' })

    await like.click()
    await expect(like).toHaveAttribute('aria-pressed', 'false')
    await expect.poll(() => ratings).toEqual(['like', null])
    await expect.poll(storedFeedback).toBeNull()

    await dislike.click()
    await expect(dislike).toHaveAttribute('aria-pressed', 'true')
    await expect(like).toHaveAttribute('aria-pressed', 'false')
    await expect.poll(() => ratings).toEqual(['like', null, 'dislike'])
    await expect.poll(storedFeedback).toEqual({ rating: 'dislike' })

    // The rating comes back with the conversation's history.
    await page.reload()
    const restored = chat.botMessages.first()
    await expect(restored.locator('[data-part=action-dislike]')).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect(restored.locator('[data-part=action-like]')).toHaveAttribute(
      'aria-pressed',
      'false',
    )
    await restored.locator('[data-part=action-dislike]').click()
    await expect.poll(() => ratings).toEqual(['like', null, 'dislike', null])
  })

  test('a refused rating springs back and says so', async ({ page }) => {
    await page.route('**/feedbacks', (route) =>
      route.fulfill({
        status: 404,
        json: { code: 'not_found', message: 'Message Not Exists.', status: 404 },
      }),
    )
    const chat = chatPage(page)
    await page.goto('/minimal/')
    await chat.send('hello')
    const answer = await chat.waitForAnswer(1)
    await answer.locator('[data-part=action-like]').click()
    await expect(answer.locator('[data-part=action-status]')).toHaveText(
      'Could not save your rating',
    )
    await expect(answer.locator('[data-part=action-like]')).toHaveAttribute('aria-pressed', 'false')
  })

  test('regenerate asks the last question again and replaces the last answer', async ({ page }) => {
    const chat = chatPage(page)
    await page.goto('/minimal/')
    await chat.send('hello')
    const first = await chat.waitForAnswer(1)
    await expect(first).toContainText('chatskins demo bot')
    await expect(first.locator('[data-part=message-actions]')).toBeVisible()

    await first.locator('[data-part=action-regenerate]').click()
    await expect.poll(() => chat.talkBodies.length).toBe(2)
    const again = await chat.waitForAnswer(1)
    await expect(again).toContainText('turn 2')
    await expect(chat.botMessages).toHaveCount(1)
    await expect(chat.userMessages).toHaveCount(1)
    expect(chat.talkBodies.map((body) => body.query)).toEqual(['hello', 'hello'])

    await chat.send('next')
    await chat.waitForAnswer(2)
    await expect(chat.botMessages.first().locator('[data-part=action-regenerate]')).toHaveCount(0)
    await expect(chat.botMessages.nth(1).locator('[data-part=action-regenerate]')).toBeVisible()
  })

  test('actions stay hidden while an answer streams', async ({ page }) => {
    const chat = chatPage(page)
    await page.goto('/minimal/')
    await chat.send('[[slow=40]] hello')
    const answer = chat.botMessages.first()
    await expect(answer).toHaveAttribute('data-state', 'streaming')
    await expect(answer.locator('[data-part=message-actions]')).toHaveCount(0)
    await chat.waitForAnswer(1)
    await expect(answer.locator('[data-part=message-actions]')).toBeVisible()
  })
})

test.describe('Agent and Chatflow steps, citations and files', () => {
  test('an Agent’s tool call is a collapsible step and its picture shows inline', async ({
    page,
  }) => {
    const chat = chatPage(page)
    await page.goto('/agent/')
    await chat.send('weather in Paris')
    const answer = await chat.waitForAnswer(1)
    const steps = answer.locator('[data-part=steps][data-kind=agent] > [data-part=step]')
    await expect(steps).toHaveCount(1)
    await expect(steps.first()).toHaveAttribute('data-status', 'succeeded')
    await expect(steps.first().locator('summary')).toHaveText('Used Demo chart')
    await expect(steps.first().locator('[data-part=step-data]').first()).toBeHidden()
    await steps.first().locator('summary').click()
    await expect(steps.first().locator('[data-part=step-thought]')).toHaveText('Let me draw that.')
    await expect(steps.first().locator('[data-part=step-data]')).toHaveText([
      '{\n  "query": "weather in Paris"\n}',
      'drew 1 chart',
    ])

    const image = answer.locator('img[data-part=message-file]')
    await expect(image).toHaveCount(1)
    await expect(image).toHaveAttribute('alt', 'Image from Agent')
    await expect(image).toHaveAttribute('loading', 'lazy')
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0)
  })

  for (const order of ['workflow_finished first', 'message_end first']) {
    test(`Chatflow progress ends right with ${order}`, async ({ page }) => {
      const chat = chatPage(page)
      await page.goto('/chatflow/')
      await chat.send(`${order === 'message_end first' ? '[[end-first]] ' : ''}[[slow=30]] hi`)
      const answer = chat.botMessages.first()
      const steps = answer.locator('[data-part=steps][data-kind=workflow]')
      await expect(steps).toHaveAttribute('data-status', 'running')
      await expect(steps.locator('summary')).toHaveText('Running: LLM')
      await chat.waitForAnswer(1)
      await expect(steps).toHaveAttribute('data-status', 'succeeded')
      await expect(steps.locator('summary')).toHaveText('Workflow finished')
      await steps.locator('summary').click()
      const items = steps.locator('[data-part=step]')
      await expect(items.locator('[data-part=step-name]')).toHaveText(['Start', 'LLM', 'Answer'])
      for (const item of await items.all()) {
        await expect(item).toHaveAttribute('data-status', 'succeeded')
      }
      await expect(items.locator('[data-part=step-state]')).toHaveText(['Done', 'Done', 'Done'])
    })
  }

  test('a stopped Chatflow shows its unfinished step as stopped', async ({ page }) => {
    const chat = chatPage(page)
    await page.goto('/chatflow/')
    await chat.send('[[slow=60]] tell me everything')
    const answer = chat.botMessages.first()
    await expect(answer.locator('[data-part=content]')).not.toBeEmpty()
    await page.locator('[data-part=stop]').click()
    await expect(answer).toHaveAttribute('data-state', 'stopped')
    const steps = answer.locator('[data-part=steps][data-kind=workflow]')
    await expect(steps).toHaveAttribute('data-status', 'stopped')
    await steps.locator('summary').click()
    await expect(steps.locator('[data-part=step]').nth(1)).toHaveAttribute('data-status', 'stopped')
  })

  test('citations list their documents and open a snippet on demand', async ({ page }) => {
    const chat = chatPage(page)
    await page.goto('/minimal/')
    await chat.send('[[cite]] where is this from?')
    const answer = await chat.waitForAnswer(1)
    const citations = answer.locator('[data-part=citation]')
    await expect(answer.locator('[data-part=citations-title]')).toHaveText('Sources')
    await expect(citations.locator('summary')).toHaveText([
      'Theme packs.md',
      'Visitors and privacy.pdf',
    ])
    const snippet = citations.first().locator('[data-part=citation-snippet]')
    await expect(snippet).toBeHidden()
    await citations.first().locator('summary').click()
    await expect(snippet).toBeVisible()
    await expect(snippet).toContainText('A theme pack is a folder with theme.json')
  })

  test('a bot image (message_file) shows inline with a localized alt', async ({ browser }) => {
    const page = await browser.newPage({ locale: 'ja-JP' })
    const chat = chatPage(page)
    await page.goto('/full-kawaii/')
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ann')
    await chat.send('[[file]] draw me a chart')
    const answer = await chat.waitForAnswer(1)
    const image = answer.locator('img[data-part=message-file]')
    await expect(image).toHaveAttribute('alt', 'Mochiからの画像')
    // The fake, like Dify without FILES_URL, says `/files/tools/…`: the server resolved it
    // against Dify's origin, and the page's CSP lets that origin's image load.
    await expect(image).toHaveAttribute('src', /^http:\/\/127\.0\.0\.1:\d+\/files\/tools\//)
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0)
    await page.close()
  })
})

test('untrusted text from Dify shows literally and executes nothing', async ({ page }) => {
  const guard = failOnScriptActivity(page)
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>'
  await page.route('**/minimal/api/parameters', (route) =>
    route.fulfill({
      json: {
        opening_statement: `Hi ${evil}`,
        suggested_questions: [`Q ${evil}`],
        suggested_questions_after_answer: { enabled: true },
        user_input_form: [{ 'text-input': { variable: 'who', label: `Label ${evil}` } }],
      },
    }),
  )
  await page.route('**/minimal/api/messages/*/suggested', (route) =>
    route.fulfill({ json: { result: 'success', data: [`Next ${evil}`] } }),
  )
  const envelope = { conversation_id: '7a1d0c6e-5b1f-4b7e-9a51-0f3c2d4e5f60', task_id: 't1' }
  const events = [
    {
      event: 'agent_thought',
      id: 'th1',
      position: 1,
      thought: `Thought ${evil}`,
      tool: 'evil',
      tool_labels: { evil: { en_US: `Tool ${evil}` } },
      tool_input: `{"evil": "${evil.replace(/"/g, '\\"')}"}`,
      observation: `Seen ${evil}`,
    },
    { event: 'node_started', data: { id: 'n1', title: `Node ${evil}`, index: 1 } },
    {
      event: 'node_finished',
      data: { id: 'n1', title: `Node ${evil}`, index: 1, status: 'failed', error: `Err ${evil}` },
    },
    { event: 'message_file', id: 'f1', type: 'image', url: 'javascript:alert(3)' },
    { event: 'message_file', id: 'f2', type: 'image', url: '/relative.png' },
    { event: 'message', id: 'm1', answer: 'Plain answer.' },
    {
      event: 'message_end',
      id: 'm1',
      metadata: {
        retriever_resources: [
          { position: 1, document_name: `Doc ${evil}`, content: `Snippet ${evil}` },
        ],
      },
    },
  ]
  await page.route('**/minimal/talk', (route) =>
    route.fulfill({
      headers: { 'Content-Type': 'text/event-stream' },
      body: events
        .map((event) => `data: ${JSON.stringify({ ...envelope, ...event })}\n\n`)
        .join(''),
    }),
  )
  const chat = chatPage(page)
  await page.goto('/minimal/')
  await expect(part(page, 'opening')).toHaveText(`Hi ${evil}`)
  await expect(part(page, 'suggestion')).toHaveText([`Q ${evil}`])
  await expect(part(page, 'inputs-label-text')).toHaveText(`Label ${evil}`)
  await chat.send('go')
  const answer = await chat.waitForAnswer(1)
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)))
  await expect(answer.locator('[data-part=step-thought]')).toHaveText(`Thought ${evil}`)
  await expect(answer.locator('[data-kind=agent] summary')).toHaveText(`Used Tool ${evil}`)
  await expect(answer.locator('[data-part=step-data]')).toHaveText([evil, `Seen ${evil}`])
  await expect(answer.locator('[data-part=step-name]')).toHaveText(`Node ${evil}`)
  await expect(answer.locator('[data-part=step-error]')).toHaveText(`Err ${evil}`)
  await expect(answer.locator('[data-part=citation-name]')).toHaveText(`Doc ${evil}`)
  await expect(answer.locator('[data-part=citation-snippet]')).toHaveText(`Snippet ${evil}`)
  await expect(answer.locator('[data-part=suggestion]')).toHaveText([`Next ${evil}`])
  await expect(page.locator('img')).toHaveCount(0)
  guard.assertClean()
})

test.describe('every theme at 360 px', () => {
  for (const { endpoint, theme, locale, scheme, sources } of FEATURE_ENDPOINTS) {
    test(`${theme} (${scheme}): the features fit, read in the locale and pass axe`, async ({
      browser,
    }, testInfo) => {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 },
        locale,
        colorScheme: scheme,
      })
      const page = await context.newPage()
      const chat = chatPage(page)
      await page.goto(`/${endpoint}/?name=${encodeURIComponent('Ann Averyveryverylongname')}`)
      await expect(part(page, 'inputs-form')).toBeVisible()
      await expectNoHorizontalScroll(page)
      await shoot(page, testInfo, `features-${theme}-welcome`)

      await chat.send('[[file]] [[cite]] Show me everything')
      const answer = await chat.waitForAnswer(1)
      await expect(answer.locator('[data-part=citations-title]')).toHaveText(sources)
      await expect(answer.locator('[data-part=suggestion]')).toHaveCount(3)
      await page.evaluate(() =>
        document.querySelectorAll('details').forEach((d) => (d.open = true)),
      )
      await expectNoHorizontalScroll(page)

      const axe = await new AxeBuilder({ page }).analyze()
      const serious = axe.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`)
      expect(serious).toEqual([])
      await page.evaluate(() => {
        const log = document.querySelector('[data-part=log]')
        if (log) log.scrollTop = log.scrollHeight
      })
      await shoot(page, testInfo, `features-${theme}-answer`)
      await context.close()
    })
  }
})

/** The `inputs` a turn sent (chat-page records the whole `/talk` body). */
function inputsOf(chat: ReturnType<typeof chatPage>, turn: number): unknown {
  return (chat.talkBodies[turn] as { inputs?: unknown } | undefined)?.inputs
}

async function shoot(page: Page, testInfo: { outputPath: (name: string) => string }, name: string) {
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: `test-results/screenshots/${name}.png` })
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) })
}
