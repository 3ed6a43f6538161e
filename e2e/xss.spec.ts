import { expect, test, type Page } from '@playwright/test'
import { HOSTILE_CONTENT, XSS_PARAMETERS, XSS_PAYLOADS } from '../server/testing/xss-corpus.ts'
import { chatPage, failOnScriptActivity } from './chat-page.ts'

/**
 * The XSS corpus (server/testing/xss-corpus.ts) through every untrusted path into the page: the
 * endpoint's bot name (config), the app's greeting, starter and follow-up questions and input
 * form (Dify `/parameters`), the LLM's markdown answer, citations, agent tool steps, Chatflow
 * node titles, file names and conversation names. Nothing may run, and text must stay text.
 */

const WIDE = { width: 1280, height: 900 }
const part = (page: Page, name: string) => page.locator(`[data-part="${name}"]`)
const payload = (index: number) => XSS_PAYLOADS[index]!
const form = XSS_PARAMETERS.user_input_form
/** A valid 1×1 PNG (a broken one makes Chromium itself log a CSP error for its blob: preview). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)

/** Every element and attribute the page holds that could run or load script. */
async function scriptCapableNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const describe = (element: Element) => element.outerHTML.slice(0, 120)
    const stripped = (value: string) =>
      value.replace(/[\u0000-\u0020\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g, '')
    for (const element of document.querySelectorAll('*')) {
      const tag = element.tagName.toLowerCase()
      if (tag === 'script') {
        const src = element.getAttribute('src')
        const bootData =
          element.id === 'chatskins-boot' && element.getAttribute('type') === 'application/json'
        const bundle = src !== null && new URL(src, location.href).origin === location.origin
        if (!bootData && !bundle) found.push(describe(element))
      }
      const inBody = element.closest('body') !== null
      if (
        ['iframe', 'frame', 'object', 'embed', 'base', 'math', 'template'].includes(tag) ||
        (inBody && ['meta', 'style', 'link'].includes(tag))
      ) {
        found.push(describe(element))
      }
      for (const { name, value } of element.attributes) {
        const url = stripped(value).toLowerCase()
        if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction')
          found.push(describe(element))
        if (['href', 'src', 'action', 'xlink:href', 'data', 'poster'].includes(name)) {
          if (/^(?:javascript|vbscript|data:text|data:application)/.test(url))
            found.push(describe(element))
        }
        if (name === 'style' && /expression\(|javascript:|url\(/.test(url))
          found.push(describe(element))
      }
    }
    return found
  })
}

async function expectInert(
  page: Page,
  guard: ReturnType<typeof failOnScriptActivity>,
  url: string,
) {
  expect(await scriptCapableNodes(page)).toEqual([])
  expect(page.url()).toBe(url)
  guard.assertClean()
}

test('the corpus through config, parameters, answer, citations, tools, files and conversation names runs nothing and reads as text @core', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(60_000)
  const guard = failOnScriptActivity(page)
  const chat = chatPage(page)
  await page.setViewportSize(WIDE)
  await page.goto('/xss/')
  const url = `${baseURL}/xss/`

  // Config: the bot name, in the header and the tab title.
  const botName = '<img src=x onerror=alert("bot")>"><script>alert("bot-2")</script>{{7*7}}#{7*7}'
  await expect(part(page, 'bot-name')).toHaveText(botName)
  // Dify /parameters: greeting, starter questions, the input form's labels and options.
  await expect(part(page, 'opening')).toHaveText(XSS_PARAMETERS.opening_statement)
  await expect(part(page, 'suggestion')).toHaveText(XSS_PARAMETERS.suggested_questions)
  await expect(part(page, 'inputs-label-text')).toHaveText(
    form.map((field) => Object.values(field)[0]!.label),
  )
  const select = part(page, 'inputs-control').nth(1)
  await expect(select.locator('option')).toContainText([payload(4), payload(6)])
  await part(page, 'inputs-control').first().fill(payload(0))
  await select.selectOption({ label: payload(6) })

  // A file whose name is a payload.
  const fileName = `${payload(1)}.png`
  await part(page, 'attach-input').setInputFiles([
    { name: fileName, mimeType: 'image/png', buffer: PNG },
  ])
  await expect(part(page, 'attachment-name')).toHaveText(fileName)
  await expect(part(page, 'attachment')).toHaveAttribute('data-status', 'done')

  // The visitor's own words are untrusted too, once they come back from Dify.
  await chat.send(payload(3))
  const answer = await chat.waitForAnswer(1)
  await expect(chat.userMessages.first().locator('[data-part=content]')).toHaveText(payload(3))

  // The answer's markdown: text stays, links keep only safe targets, code is code.
  const content = answer.locator('[data-part=content]')
  await expect(content).toContainText('plain js link')
  await expect(
    content.locator('code').filter({ hasText: '<script>alert("md-17")</script>' }),
  ).toHaveCount(1)
  await expect(
    content.locator('code').filter({ hasText: '<script>alert("md-14")</script>' }),
  ).toHaveCount(1)
  for (const href of await content
    .locator('a[href]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
    expect(href).toMatch(/^(?:https?:|mailto:)/)
  }
  await expect(
    content.locator('img, svg:not([data-icon]), iframe, details, object, form'),
  ).toHaveCount(0)

  // Citations: document names, and the snippet on demand.
  const citations = answer.locator('[data-part=citation-name]')
  const cited = HOSTILE_CONTENT.citations()
  await expect(citations).toHaveText(cited.map((item) => String(item.document_name)))
  await citations.first().click()
  await expect(answer.locator('[data-part=citation-snippet]').first()).toHaveText(
    String(cited[0]!.content),
  )

  // Agent steps: tool label, thought, input and output.
  const step = answer.locator('[data-part=step]').first()
  await step.locator('summary').click()
  await expect(step.locator('summary')).toContainText(HOSTILE_CONTENT.tool.label)
  await expect(step.locator('[data-part=step-thought]')).toHaveText(HOSTILE_CONTENT.tool.thought)
  await expect(step.locator('[data-part=step-data]').first()).toContainText(
    JSON.stringify(payload(5)),
  )
  await expect(step.locator('[data-part=step-data]').nth(1)).toContainText(payload(6))

  // Follow-up questions after the answer.
  await expect(part(page, 'suggestion')).toHaveText(HOSTILE_CONTENT.suggestedAfterAnswer)

  // The conversation list: Dify's name for it, then a hostile rename.
  const names = part(page, 'conversation-name')
  await expect(names).toHaveText([HOSTILE_CONTENT.conversationName])
  const item = part(page, 'conversation').first()
  await item.hover()
  await item.locator('[data-part=conversation-rename]').click()
  await part(page, 'conversation-name-input').fill(payload(21))
  await part(page, 'conversation-name-input').press('Enter')
  await expect(names).toHaveText([payload(21)])
  await expectInert(page, guard, url)

  // The same from history: /messages, /conversations after a reload.
  await page.reload()
  await expect(chat.botMessages).toHaveCount(1)
  await expect(chat.botMessages.first().locator('[data-part=citation-name]')).toHaveText(
    cited.map((item) => String(item.document_name)),
  )
  await expect(names).toHaveText([payload(21)])
  await expect(chat.userMessages.first().locator('[data-part=content]')).toHaveText(payload(3))
  await expectInert(page, guard, url)
})

test('Chatflow node titles from the corpus run nothing and read as text', async ({
  page,
  baseURL,
}) => {
  const guard = failOnScriptActivity(page)
  const chat = chatPage(page)
  await page.goto('/xss-flow/')
  await expect(part(page, 'bot-name')).toHaveText('<svg onload=alert("flow-bot")>')
  await chat.send('hello')
  const answer = await chat.waitForAnswer(1)
  await answer.locator('[data-part=steps-title]').click()
  const { start, llm, answer: last } = HOSTILE_CONTENT.nodeTitles
  await expect(answer.locator('[data-part=step-name]')).toHaveText([start, llm, last])
  await expectInert(page, guard, `${baseURL}/xss-flow/`)
})
