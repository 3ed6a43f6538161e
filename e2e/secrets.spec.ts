import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import { TEST_APPS } from '../server/testing/test-apps.ts'
import { SECRET_FULL_KEY, SECRET_KEY } from '../server/integration/test-stack.ts'
import { chatPage, failOnScriptActivity } from './chat-page.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
/** Every key the e2e server, the integration tests and the demo know, the distinctive xss one included. */
const KEYS = [...Object.keys(TEST_APPS), SECRET_KEY, SECRET_FULL_KEY]
/** What a real Dify app key looks like (`app-` and 24 letters or digits). */
const DIFY_KEY_SHAPE = /app-[A-Za-z0-9]{24}/

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

test('the built client bundle holds no Dify key, nor anything shaped like one', () => {
  const files = filesUnder(join(root, 'dist', 'client')).filter((file) =>
    /\.(?:js|css|html|json|map|txt)$/.test(file),
  )
  expect(files.some((file) => file.endsWith('.js'))).toBe(true)
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    for (const key of KEYS) expect(text.includes(key), `${key} in ${file}`).toBe(false)
    expect(DIFY_KEY_SHAPE.exec(text)?.[0], file).toBeUndefined()
  }
})

test('no response the browser gets in a whole session carries the key: pages, API, stream, errors', async ({
  page,
}) => {
  const guard = failOnScriptActivity(page)
  const seen: Array<{ url: string; text: string }> = []
  page.on('response', async (response) => {
    const headers = JSON.stringify(await response.allHeaders())
    const body = await response.body().then(
      (bytes) => bytes.toString('utf8'),
      () => '',
    )
    seen.push({ url: response.url(), text: headers + body })
  })
  const chat = chatPage(page)
  await page.goto('/xss/')
  await chat.send('hello')
  await chat.waitForAnswer(1)
  await page.reload()
  await expect(chat.botMessages).toHaveCount(1)
  // Errors too: one from Dify, one from chatskins itself.
  await chat.send('[[http=401]] and now?')
  await expect(chat.alert).toBeVisible()
  await page.request.post('/xss/talk', {
    data: '{',
    headers: { 'Content-Type': 'application/json' },
  })
  await page.goto('/xss/api/nope')

  const urls = seen.map((entry) => new URL(entry.url).pathname)
  for (const path of [
    '/xss/',
    '/xss/talk',
    '/xss/api/parameters',
    '/xss/api/messages',
    '/xss/api/conversations',
  ]) {
    expect(urls).toContain(path)
  }
  for (const key of KEYS) {
    expect(seen.filter((entry) => entry.text.includes(key)).map((entry) => entry.url)).toEqual([])
  }
  guard.assertClean()
})
