import { expect, test, type Page } from '@playwright/test'
import { en } from '../src/i18n/en.ts'
import { ko } from '../src/i18n/ko.ts'
import type { Dictionary, MessageKey } from '../src/i18n/en.ts'
import { CHAT_MESSAGE_ERRORS } from '../server/testing/dify-error-catalogue.ts'
import { chatPage, failOnScriptActivity } from './chat-page.ts'

/**
 * Every upstream fault of issue 5 through the real browser, server and fake Dify, in English and
 * Korean. The `faults*` endpoints cut a silent Dify after 1.5 s (upstreamIdleTimeoutMs).
 * - notSent: Dify refused the turn; the message is marked not sent, the composer keeps the text.
 * - partial: the answer broke off; what came is kept, marked, and a message says why.
 * - answered: a quirk the user must not notice; the answer arrives whole.
 * After every case the next message gets an answer.
 */
type Outcome =
  | { kind: 'notSent'; says: MessageKey }
  | { kind: 'partial'; says: MessageKey }
  | { kind: 'answered'; contains?: string }

interface FaultCase {
  name: string
  message: string
  outcome: Outcome
  chatflow?: boolean
}

const SAYS_FOR_CODE: Readonly<Record<string, MessageKey>> = {
  invalid_param: 'error.invalidRequest',
  bad_request: 'error.invalidRequest',
  conversation_completed: 'error.conversationEnded',
  provider_quota_exceeded: 'error.quota',
  too_many_requests: 'error.rateLimited',
  rate_limit_error: 'error.rateLimited',
}

const httpErrors: FaultCase[] = Object.entries(CHAT_MESSAGE_ERRORS)
  // A 404 on /chat-messages means a stale conversation: its own case below.
  .filter(([code]) => code !== 'not_found')
  .map(([code, { status }]) => ({
    name: `HTTP ${status} ${code}`,
    message: `[[dify-error=${code}]] hello`,
    outcome: { kind: 'notSent', says: SAYS_FOR_CODE[code] ?? 'error.unavailable' },
  }))

const HTTP_CASES: FaultCase[] = [
  ...httpErrors,
  ...[502, 503].map((status) => ({
    name: `HTTP ${status} with a proxy's HTML page`,
    message: `[[html=${status}]] hello`,
    outcome: { kind: 'notSent', says: 'error.unavailable' } as const,
  })),
]

const STREAM_CASES: FaultCase[] = [
  {
    name: 'error event 400 mid-answer',
    message: '[[error-event=400]] hello',
    outcome: { kind: 'partial', says: 'error.unavailable' },
  },
  {
    name: 'error event 500 mid-answer',
    message: '[[error-event=500]] hello',
    outcome: { kind: 'partial', says: 'error.unavailable' },
  },
  {
    name: 'Chatflow run failing with an error event',
    message: '[[error-event=400]] hello',
    outcome: { kind: 'partial', says: 'error.unavailable' },
    chatflow: true,
  },
  {
    name: 'connection reset mid-answer',
    message: '[[reset]] hello',
    outcome: { kind: 'partial', says: 'error.brokenStream' },
  },
  {
    name: 'a stall with no bytes (idle timeout)',
    message: '[[stall]] hello',
    outcome: { kind: 'partial', says: 'error.timeout' },
  },
  {
    name: 'an over-long line that never ends',
    message: '[[flood]] hello',
    outcome: { kind: 'partial', says: 'error.brokenStream' },
  },
  {
    name: 'a slow first byte',
    message: '[[first-byte=1000]] hello',
    outcome: { kind: 'answered', contains: 'demo bot' },
  },
  {
    name: 'garbage, comments and a 200 KB broken line',
    message: '[[garbage]] hello',
    outcome: { kind: 'answered', contains: 'demo bot' },
  },
  {
    name: 'bytes that are not UTF-8 (shown as U+FFFD, like any SSE reader)',
    message: '[[bad-utf8]] hello',
    outcome: { kind: 'answered', contains: '\ufffd\ufffd' },
  },
  {
    name: 'classic \\uXXXX JSON, records split inside characters',
    message: '[[classic]][[split]][[echo]] 안녕 😀 “quoted” é',
    outcome: { kind: 'answered', contains: '안녕 😀 “quoted” é' },
  },
  {
    name: 'a leading ping',
    message: '[[ping-first]] hello',
    outcome: { kind: 'answered', contains: 'demo bot' },
  },
  {
    name: 'Chatflow: workflow_finished, then message_end',
    message: 'hello',
    outcome: { kind: 'answered', contains: 'demo bot' },
    chatflow: true,
  },
  {
    name: 'Chatflow: message_end, then workflow_finished',
    message: '[[end-first]] hello',
    outcome: { kind: 'answered', contains: 'demo bot' },
    chatflow: true,
  },
]

const LOCALES: Array<{ name: string; browser: string; suffix: string; dictionary: Dictionary }> = [
  { name: 'en', browser: 'en-US', suffix: '', dictionary: en },
  { name: 'ko', browser: 'ko-KR', suffix: '-ko', dictionary: ko },
]

type Chat = ReturnType<typeof chatPage>

for (const locale of LOCALES) {
  test.describe(`faults (${locale.name})`, () => {
    test.use({ locale: locale.browser })
    const t = (key: MessageKey) => locale.dictionary[key]

    /** Sends the faulty message and checks what the visitor sees, then that the next one works. */
    const sendAndCheck = async (chat: Chat, fault: FaultCase) => {
      const answersBefore = await chat.botMessages.count()
      await chat.send(fault.message)
      const { outcome } = fault
      const answer = chat.botMessages.nth(answersBefore)
      if (outcome.kind === 'notSent') {
        await expect(chat.alert.locator('[data-part=error-text]')).toHaveText(t(outcome.says))
        await expect(chat.alert.locator('[data-part=error-ref-id]')).toHaveText(/^[0-9a-f]{16}$/)
        const question = chat.userMessages.last()
        await expect(question).toHaveAttribute('data-state', 'failed')
        await expect(question.locator('[data-part=notice]')).toHaveText(t('message.failed'))
        await expect(chat.botMessages).toHaveCount(answersBefore)
        await expect(chat.input).toHaveValue(fault.message)
      } else if (outcome.kind === 'partial') {
        await expect(chat.alert.locator('[data-part=error-text]')).toHaveText(t(outcome.says))
        await expect(chat.alert.locator('[data-part=error-ref-id]')).toHaveText(/^[0-9a-f]{16}$/)
        await expect(answer).toHaveAttribute('data-state', 'error')
        await expect(answer.locator('[data-part=notice]')).toHaveText(t('message.interrupted'))
        await expect(answer.locator('[data-part=content]')).toContainText('demo bot')
        // The kept answer offers Regenerate, so the question does not go back into the composer.
        await expect(answer.locator('[data-part=action-regenerate]')).toBeVisible()
        await expect(chat.input).toHaveValue('')
      } else {
        await chat.waitForAnswer(answersBefore + 1)
        if (outcome.contains) await expect(answer).toContainText(outcome.contains)
        await expect(chat.alert).toBeHidden()
        await expect(chat.input).toHaveValue('')
        if (fault.chatflow) {
          await expect(answer.locator('[data-kind=workflow]')).toHaveAttribute(
            'data-status',
            'succeeded',
          )
        }
      }

      const before = await chat.botMessages.count()
      await chat.send('[[echo]] and now, all well?')
      const next = await chat.waitForAnswer(before + 1)
      await expect(next.locator('[data-part=content]')).toHaveText('and now, all well?')
      await expect(chat.alert).toBeHidden()
      await expect(chat.input).toHaveValue('')
    }

    // One page for all of them: each is refused before any answer, so they can't disturb each other.
    test('every HTTP error Dify answers before the stream', async ({ page }) => {
      test.setTimeout(120_000)
      const guard = failOnScriptActivity(page)
      const chat = chatPage(page)
      await page.goto(`/faults${locale.suffix}/`)
      for (const fault of HTTP_CASES) {
        await test.step(fault.name, () => sendAndCheck(chat, fault))
      }
      guard.assertClean()
    })

    for (const fault of STREAM_CASES) {
      test(fault.name, async ({ page }) => {
        const guard = failOnScriptActivity(page)
        const chat = chatPage(page)
        await page.goto(`/faults${fault.chatflow ? '-flow' : ''}${locale.suffix}/`)
        await sendAndCheck(chat, fault)
        guard.assertClean()
      })
    }

    test('a stale conversation (404) continues in a new one with the same message', async ({
      page,
    }) => {
      const chat = chatPage(page)
      const endpoint = `faults${locale.suffix}`
      await page.goto(`/${endpoint}/`)
      await chat.send('first')
      await chat.waitForAnswer(1)
      const stale = await chat.storedConversationId(endpoint)
      await deleteConversation(page, endpoint, stale!)

      await chat.send('are you still there?')
      await chat.waitForAnswer(2)
      expect(chat.talkBodies.map((body) => body.conversation_id)).toEqual([
        undefined,
        stale,
        undefined,
      ])
      await expect(chat.alert).toBeHidden()
      await expect(chat.userMessages.last()).toHaveText('are you still there?')
      expect(await chat.storedConversationId(endpoint)).not.toBe(stale)
    })
  })
}

/** Deletes the conversation behind the page's back, as another tab or Dify's console could. */
async function deleteConversation(page: Page, endpoint: string, id: string) {
  const status = await page.evaluate(
    async ([endpointId, conversationId]) =>
      (
        await fetch(`/${endpointId}/api/conversations/${conversationId}`, {
          method: 'DELETE',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
    [endpoint, id] as const,
  )
  expect(status).toBe(204)
}
