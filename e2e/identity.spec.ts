import { expect, test } from '@playwright/test'
import { chatPage } from './chat-page.ts'

const STORAGE_KEY = 'chatskins:minimal:conversation_id'

test("another visitor can't continue, rate or ask follow-ups of a visitor's conversation", async ({
  page,
  browser,
}) => {
  const ann = chatPage(page)
  await page.goto('/minimal/')
  await ann.send('[[echo]] Ann only')
  await ann.waitForAnswer(1)
  const conversationId = (await ann.storedConversationId('minimal'))!
  const messages = await page.request.get(`/minimal/api/messages?conversation_id=${conversationId}`)
  const messageId = ((await messages.json()) as { data: Array<{ id: string }> }).data[0]!.id

  const context = await browser.newContext()
  const bobPage = await context.newPage()
  const bob = chatPage(bobPage)
  // Bob's browser claims Ann's conversation as its own.
  await bobPage.addInitScript(
    ([key, id]) => {
      if (!sessionStorage.getItem('seeded')) localStorage.setItem(key!, id!)
      sessionStorage.setItem('seeded', '1')
    },
    [STORAGE_KEY, conversationId],
  )
  await bobPage.goto('/minimal/')
  await expect(bob.userMessages).toHaveCount(0)

  // The page finds the conversation isn't Bob's and starts him a fresh one.
  await bob.send('[[echo]] Bob writes here')
  await expect(await bob.waitForAnswer(1)).toContainText('Bob writes here')
  expect(bob.talkBodies[0]?.conversation_id).toBeUndefined()
  expect(await bob.storedConversationId('minimal')).not.toBe(conversationId)
  // Continuing it by hand is refused as a conversation Dify doesn't know for him.
  const forced = await bobPage.request.post('/minimal/talk', {
    data: { query: 'Bob sneaks in', inputs: {}, conversation_id: conversationId },
  })
  expect(forced.status()).toBe(404)
  expect(await forced.json()).toMatchObject({ code: 'conversation_not_found' })

  // Rating Ann's answer, or asking for its follow-ups.
  const rating = await bobPage.request.post(`/minimal/api/messages/${messageId}/feedbacks`, {
    data: { rating: 'dislike' },
  })
  expect(rating.status()).toBe(404)
  const followUps = await bobPage.request.get(`/minimal/api/messages/${messageId}/suggested`)
  expect(followUps.status()).toBe(404)
  await context.close()

  // Ann's conversation is as she left it: her one turn, unrated.
  const after = await page.request.get(`/minimal/api/messages?conversation_id=${conversationId}`)
  const data = ((await after.json()) as { data: Array<{ query: string; feedback: unknown }> }).data
  expect(data.map((message) => message.query)).toEqual(['Ann only'])
  expect(data[0]!.feedback).toBeNull()
  await page.reload()
  await expect(ann.userMessages).toHaveText(['Ann only'])
})
