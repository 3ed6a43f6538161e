import { expect, test } from '@playwright/test'
import { chatPage } from './chat-page.ts'

const SLOW_DOWN: Record<string, string> = {
  en: "You're sending messages faster than this chat allows.",
  ja: 'このチャットで送れる速さを超えています。',
  ko: '이 채팅에서 허용하는 속도보다 빠르게 보내고 있어요.',
  'zh-Hans': '你发送消息的速度超过了此聊天的限制。',
  'zh-Hant': '你傳送訊息的速度超過了此聊天的限制。',
}

for (const [locale, message] of Object.entries(SLOW_DOWN)) {
  test(`${locale}: past the rate limit, a friendly message, and the text stays to send again @core`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale })
    const page = await context.newPage()
    const chat = chatPage(page)
    // `limited` allows one message a minute per visitor.
    await page.goto('/limited/')
    await chat.send('[[echo]] the first one')
    await chat.waitForAnswer(1)

    const talk = page.waitForResponse((response) => response.url().endsWith('/limited/talk'))
    await chat.send('the second one, too soon')
    const refused = await talk
    expect(refused.status()).toBe(429)
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0)
    await expect(chat.alert).toContainText(message)
    await expect(chat.input).toHaveValue('the second one, too soon')
    await expect(chat.userMessages.nth(1)).toHaveAttribute('data-state', 'failed')
    await expect(chat.botMessages).toHaveCount(1)
    await context.close()
  })
}

test('a second answer streaming at once for one visitor is refused kindly, and works once the first is done', async ({
  context,
}) => {
  // `one-stream` lets a visitor have one answer streaming; two tabs share the visitor cookie.
  const first = chatPage(await context.newPage())
  const firstPage = context.pages()[0]!
  await firstPage.goto('/one-stream/')
  const secondPage = await context.newPage()
  const second = chatPage(secondPage)
  await secondPage.goto('/one-stream/')

  await first.send(
    '[[slow=120]] [[echo]] one two three four five six seven eight nine ten eleven twelve',
  )
  await expect(first.botMessages.first()).toHaveAttribute('data-state', 'streaming')
  await second.send('my question meanwhile')
  await expect(second.alert).toContainText('Another answer is still being written.')
  await expect(second.input).toHaveValue('my question meanwhile')

  await first.waitForAnswer(1)
  await second.send('my question meanwhile')
  await second.waitForAnswer(1)
  await expect(second.input).toHaveValue('')
})
