import { expect, test, type Page } from '@playwright/test'
import { findChromium } from '../scripts/find-chromium.ts'
import { chatPage, expectNoHorizontalScroll, failOnScriptActivity } from './chat-page.ts'
import { expectStreamedReplay, PNG, recordPlays, requestsTo } from './media-helpers.ts'

/**
 * Files, voice input and read-aloud against the fake Dify: `app-full` (files, speech to text and
 * text to speech on), `app-tts` (the same, answers read aloud as they stream) and `app-chat`
 * (none of them).
 */

// A fake microphone for the voice tests (a new worker per file, so the whole file has it).
test.use({
  launchOptions: {
    executablePath: findChromium() ?? undefined,
    args: [
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  },
})

const part = (page: Page, name: string) => page.locator(`[data-part="${name}"]`)

const png = (name: string, size = PNG.length) => ({
  name,
  mimeType: 'image/png',
  buffer: size === PNG.length ? PNG : Buffer.concat([PNG, Buffer.alloc(size - PNG.length)]),
})
const text = (name: string, body = 'Some notes') => ({
  name,
  mimeType: 'text/plain',
  buffer: Buffer.from(body),
})

/** Opens an `app-full` page with its required inputs set, and waits for the media parts. */
async function openFull(page: Page, endpoint = 'full') {
  await page.goto(`/${endpoint}/?name=Ann&lang=en`)
  await expect(part(page, 'attach')).toBeVisible()
}

test.describe('files', () => {
  test('upload with progress, remove one, send: the files go with the message @core', async ({
    page,
  }) => {
    const guard = failOnScriptActivity(page)
    const chat = chatPage(page)
    // Hold uploads back a little, so their progress and the waiting send button show.
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/files/upload', async (route) => {
      await held
      await route.continue()
    })
    await openFull(page)
    await expect(part(page, 'attach')).toHaveAccessibleName('Attach files')
    await part(page, 'attach-input').setInputFiles([
      png('photo.png'),
      text('notes.txt'),
      png('second.png'),
    ])
    const items = part(page, 'attachment')
    await expect(items).toHaveCount(3)
    await expect(items.locator('[data-part=attachment-progress]')).toHaveCount(3)
    await expect(items.first().locator('img[data-part=attachment-thumb]')).toHaveAttribute(
      'src',
      /^blob:/,
    )
    await expect(items.nth(1).locator('img')).toHaveCount(0)
    await chat.input.fill('What is in these?')
    await expect(part(page, 'send')).toHaveAttribute('aria-disabled', 'true')
    await chat.input.press('Enter')
    expect(chat.talkBodies).toHaveLength(0)

    release()
    await expect(items.locator('[data-part=attachment-progress]')).toHaveCount(0)
    for (const n of [0, 1, 2]) await expect(items.nth(n)).toHaveAttribute('data-status', 'done')
    const thumb = await items.nth(2).locator('img').getAttribute('src')
    await page.getByRole('button', { name: 'Remove “second.png”' }).click()
    await expect(items).toHaveCount(2)
    // The removed thumbnail's object URL is revoked. Loaded as an image: the CSP lets the page
    // fetch() nothing but its own origin, so a fetch would fail either way.
    const load = (url: string | null) =>
      page.evaluate(
        (src) =>
          new Promise<string>((resolve) => {
            const image = new Image()
            image.onload = () => resolve('alive')
            image.onerror = () => resolve('revoked')
            image.src = src!
          }),
        url,
      )
    expect(await load(await items.nth(0).locator('img').getAttribute('src'))).toBe('alive')
    expect(await load(thumb)).toBe('revoked')

    await expect(part(page, 'send')).toHaveAttribute('aria-disabled', 'false')
    await chat.input.press('Enter')
    await chat.waitForAnswer(1)
    const files = (chat.talkBodies[0] as { files?: Array<Record<string, string>> }).files ?? []
    expect(files.map(({ type, transfer_method }) => [type, transfer_method])).toEqual([
      ['image', 'local_file'],
      ['document', 'local_file'],
    ])
    for (const file of files) expect(file.upload_file_id).toMatch(/^[0-9a-f-]{36}$/)
    const sent = chat.userMessages.first().locator('[data-part=attachment]')
    await expect(sent).toHaveCount(2)
    await expect(sent.first().locator('img')).toHaveAttribute('src', /^blob:/)
    await expect(part(page, 'composer').locator('[data-part=attachment]')).toHaveCount(0)
    guard.assertClean()
  })

  test('a wrong type, a file too big and too many files are refused with a message', async ({
    page,
  }) => {
    await openFull(page)
    const input = part(page, 'attach-input')
    const problem = part(page, 'attachments-error')
    await input.setInputFiles([
      { name: 'tool.exe', mimeType: 'application/octet-stream', buffer: PNG },
    ])
    await expect(problem).toHaveText(
      '“tool.exe” can’t be attached: this assistant doesn’t accept that type of file.',
    )
    await input.setInputFiles([png('huge.png', 10 * 1024 * 1024 + 1)])
    await expect(problem).toHaveText('“huge.png” is too big. Files can be up to 10 MB.')
    await input.setInputFiles([png('a.png'), png('b.png'), png('c.png'), png('d.png')])
    await expect(problem).toHaveText('You can attach up to 3 files.')
    await expect(part(page, 'attachment')).toHaveCount(3)
  })

  test.describe('in Korean', () => {
    test.use({ locale: 'ko-KR' })
    test('the problems read in the locale', async ({ page }) => {
      await openFull(page, 'full-korean')
      await part(page, 'attach-input').setInputFiles([text('notes.exe')])
      await expect(part(page, 'attachments-error')).toContainText('첨부할 수 없어요')
      await expect(part(page, 'attach')).toHaveAccessibleName('파일 첨부')
    })
  })

  test('a turn that fails before any answer gives the files back', async ({ page }) => {
    const chat = chatPage(page)
    await openFull(page)
    await part(page, 'attach-input').setInputFiles([png('photo.png')])
    await expect(part(page, 'attachment')).toHaveAttribute('data-status', 'done')
    await chat.send('[[http=429]] look')
    await expect(chat.alert).toBeVisible()
    await expect(chat.input).toHaveValue('[[http=429]] look')
    await expect(part(page, 'composer').locator('[data-part=attachment]')).toHaveCount(1)
    await chat.send('look again')
    await chat.waitForAnswer(1)
    expect((chat.talkBodies[1] as { files?: unknown[] }).files).toHaveLength(1)
  })
})

test('an app without files or voice shows none of their buttons', async ({ page }) => {
  const chat = chatPage(page)
  const parameters = page.waitForResponse((response) => response.url().endsWith('/api/parameters'))
  await page.goto('/minimal/')
  await parameters
  await chat.send('hello')
  const answer = await chat.waitForAnswer(1)
  await expect(answer.locator('[data-part=action-copy]')).toBeVisible()
  for (const name of ['attach', 'attach-input', 'mic', 'read-aloud']) {
    await expect(part(page, name)).toHaveCount(0)
  }
})

test.describe('voice input', () => {
  test('records from the microphone and puts the words in the draft', async ({ page, context }) => {
    await context.grantPermissions(['microphone'])
    const chat = chatPage(page)
    const uploads = requestsTo(page, '/api/audio-to-text')
    await openFull(page)
    await chat.input.fill('Note:')
    const mic = page.getByRole('button', { name: 'Speak your message' })
    await mic.click()
    await expect(mic).toHaveAttribute('aria-pressed', 'true')
    await expect(part(page, 'mic-status')).toHaveText(
      'Recording… Press the microphone again to stop.',
    )
    await page.waitForTimeout(600)
    await mic.click()
    await expect(chat.input).toHaveValue(/^Note: Hello from your voice \(\d+ bytes\)$/)
    await expect(mic).toHaveAttribute('aria-pressed', 'false')
    expect(uploads).toHaveLength(1)
    expect(uploads[0]?.headers()['content-type']).toMatch(/^multipart\/form-data/)
    expect(chat.talkBodies).toHaveLength(0)
  })
})

test.describe('read aloud', () => {
  test('reads an answer through /api/text-to-audio and plays it; a second press stops', async ({
    page,
  }) => {
    const plays = await recordPlays(page)
    const speech = requestsTo(page, '/api/text-to-audio')
    const chat = chatPage(page)
    await openFull(page)
    await chat.send('[[echo]] Read me')
    const answer = await chat.waitForAnswer(1)
    const button = answer.getByRole('button', { name: 'Read aloud' })
    await button.click()
    await expect.poll(() => speech.length).toBe(1)
    expect(speech[0]?.postDataJSON()).toEqual({ text: 'Read me' })
    await expect.poll(plays).toHaveLength(1)
    expect((await plays())[0]).toMatch(/^blob:/)
    await expect(button).toHaveAttribute('aria-pressed', 'true')
    await button.click()
    await expect(button).toHaveAttribute('aria-pressed', 'false')
  })

  test('auto-play joins the streamed tts chunks and asks for nothing more', async ({ page }) => {
    const guard = failOnScriptActivity(page)
    const plays = await recordPlays(page)
    const speech = requestsTo(page, '/api/text-to-audio')
    const chat = chatPage(page)
    await page.goto('/tts/?name=Ann&lang=en')
    await expect(part(page, 'attach')).toBeVisible()
    await chat.send('[[echo]] Say this out loud')
    const answer = await chat.waitForAnswer(1)
    await expect.poll(plays).toHaveLength(1)
    // The read-aloud button replays the streamed audio without another request.
    const button = answer.getByRole('button', { name: 'Read aloud' })
    await expectStreamedReplay(button, plays, speech)
    guard.assertClean()
  })
})

test.describe('the browser language', () => {
  test.use({ locale: 'ja-JP' })
  test("wins over the endpoint's locale", async ({ page }) => {
    await page.goto('/full/')
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja')
    await expect(page.getByRole('button', { name: '新しいチャット' })).toBeVisible()
    await expect(part(page, 'attach')).toHaveAccessibleName('ファイルを添付')
  })
})

test.describe('every theme at 360 px with files attached', () => {
  for (const endpoint of ['full', 'full-kawaii', 'full-korean', 'full-western']) {
    test(`${endpoint}: the composer fits`, async ({ browser }) => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } })
      const page = await context.newPage()
      const chat = chatPage(page)
      await openFull(page, endpoint)
      await part(page, 'attach-input').setInputFiles([
        png('a-photo-with-a-rather-long-file-name.png'),
        text('notes.txt'),
      ])
      await part(page, 'attach-input').setInputFiles([text('bad.exe')])
      await expect(part(page, 'attachment')).toHaveCount(2)
      await expect(part(page, 'attachment').first()).toHaveAttribute('data-status', 'done')
      await expectNoHorizontalScroll(page)
      await page.screenshot({ path: `test-results/screenshots/media-${endpoint}-composer.png` })
      await chat.input.fill('Look at these')
      await chat.input.press('Enter')
      await chat.waitForAnswer(1)
      await expectNoHorizontalScroll(page)
      await chat.userMessages.first().scrollIntoViewIfNeeded()
      await page.screenshot({ path: `test-results/screenshots/media-${endpoint}-sent.png` })
      await context.close()
    })
  }
})
