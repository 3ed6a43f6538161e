import { expect, test, type Page } from '@playwright/test'
import { chatPage, expectNoHorizontalScroll, failOnScriptActivity } from './chat-page.ts'

/**
 * `file` / `file-list` inputs, the visitor's files coming back from history, and inputs of a
 * conversation opened in another browser, against the fake's `app-full` (a `doc` file input for
 * .pdf documents, an `imgs` file-list of up to 5 images, a `ref` document Dify takes only as a
 * link; its file URLs are relative, as from a Dify without FILES_URL).
 */

const part = (page: Page, name: string) => page.locator(`[data-part="${name}"]`)
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)
const png = (name: string) => ({ name, mimeType: 'image/png', buffer: PNG })
const loaded = (image: ReturnType<Page['locator']>) =>
  expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)

const ENDPOINTS = [
  { id: 'full', locale: 'en-US', choose: 'Choose files (up to 5)' },
  { id: 'full-kawaii', locale: 'ja-JP', choose: 'ファイルを選択（5件まで）' },
  { id: 'full-korean', locale: 'ko-KR', choose: '파일 선택 (최대 5개)' },
  { id: 'full-western', locale: 'zh-TW', choose: '選擇檔案（最多 5 個）' },
]

for (const endpoint of ENDPOINTS) {
  test(`${endpoint.id}: a file-list input uploads, goes with every turn, and locks with the conversation`, async ({
    browser,
  }) => {
    const page = await browser.newPage({ locale: endpoint.locale })
    const guard = failOnScriptActivity(page)
    const chat = chatPage(page)
    await page.goto(`/${endpoint.id}/?name=Ann&lang=en`)
    const field = page.locator('[data-part="inputs-field"][data-type="file"]').nth(1)
    await expect(field.getByRole('button', { name: endpoint.choose })).toBeVisible()
    await field.locator('input[type=file]').setInputFiles([png('cat.png'), png('dog.png')])
    await expect(field.locator('[data-part=attachment][data-status=done]')).toHaveCount(2)
    await expect(field.locator('img[data-part=attachment-thumb]')).toHaveCount(2)
    await expectNoHorizontalScroll(page)

    // The fake validates `imgs` like Dify: anything but a list of this user's uploads is a 400.
    const talk = page.waitForRequest((request) => request.url().endsWith('/talk'))
    await chat.send('[[echo]] here are my pets')
    const body = (await talk).postDataJSON() as { inputs: Record<string, unknown> }
    expect(body.inputs.imgs).toEqual([
      { type: 'image', transfer_method: 'local_file', upload_file_id: expect.any(String) },
      { type: 'image', transfer_method: 'local_file', upload_file_id: expect.any(String) },
    ])
    await expect(await chat.waitForAnswer(1)).toContainText('here are my pets')
    await part(page, 'inputs-summary').locator('summary').click()
    await expect(part(page, 'inputs-values')).toContainText('cat.png, dog.png')

    // A reload sends the same files again (stored with the conversation).
    await page.reload()
    await expect(part(page, 'inputs-summary')).toBeVisible()
    const again = page.waitForRequest((request) => request.url().endsWith('/talk'))
    await chat.send('[[echo]] still there?')
    expect(
      ((await again).postDataJSON() as { inputs: Record<string, unknown> }).inputs.imgs,
    ).toEqual(body.inputs.imgs)
    await chat.waitForAnswer(2)
    guard.assertClean()
    await page.close()
  })
}

test('a file of a type the input does not take is refused by name, and the form holds the message back', async ({
  page,
}) => {
  // `doc` takes .pdf documents only; `name` is required, so the draft stays until it is filled.
  const chat = chatPage(page)
  await page.goto('/full/?lang=en')
  const doc = page.locator('[data-part="inputs-field"][data-type="file"]').first()
  await doc.locator('input[type=file]').setInputFiles([png('not-a-pdf.png')])
  await expect(doc.locator('[data-part=inputs-error]')).toContainText('not-a-pdf.png')
  await chat.send('hello')
  await expect(page.getByRole('textbox', { name: 'Your name' })).toBeFocused()
  await expect(page.locator('#chatskins-input')).toHaveValue('hello')
})

test('files sent with a question come back with it from history, images as thumbnails', async ({
  page,
}) => {
  const chat = chatPage(page)
  await page.goto('/full/?name=Ann&lang=en')
  await expect(part(page, 'attach')).toBeVisible()
  await part(page, 'attach-input').setInputFiles([
    png('photo.png'),
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') },
  ])
  await expect(part(page, 'attachments').locator('[data-status=done]')).toHaveCount(2)
  await chat.send('[[echo]] look at these')
  await chat.waitForAnswer(1)

  await page.reload()
  const question = page.locator('[data-part=message][data-role=user]').first()
  await expect(question).toContainText('look at these')
  const thumb = question.locator('img[data-part=attachment-thumb]')
  // Dify's relative `/files/<id>/file-preview?…` URL, made absolute by the server.
  await expect(thumb).toHaveAttribute(
    'src',
    /^http:\/\/127\.0\.0\.1:\d+\/files\/[\w-]+\/file-preview\?/,
  )
  await loaded(thumb)
  await expect(question.locator('[data-part=attachment-name]')).toHaveText([
    'photo.png',
    'notes.txt',
  ])
})

test('a conversation opened in another browser takes its inputs from Dify', async ({ browser }) => {
  const first = await browser.newContext()
  const page = await first.newPage()
  const chat = chatPage(page)
  await page.goto('/full/?name=Zoe&lang=fr')
  await chat.send('[[echo]] bonjour')
  await chat.waitForAnswer(1)
  // Same visitor (cookie), no local storage: like the same person on another device.
  const second = await browser.newContext({
    storageState: { cookies: await first.cookies(), origins: [] },
  })
  const other = await second.newPage()
  await other.setViewportSize({ width: 1280, height: 800 })
  await other.goto('/full/')
  await expect(other.getByRole('textbox', { name: 'Your name' })).toHaveValue('')
  await other.locator('[data-part=conversation-select]', { hasText: 'bonjour' }).first().click()
  await expect(other.locator('[data-part=message][data-role=user]')).toContainText('bonjour')
  await expect(part(other, 'inputs-summary')).toBeVisible()
  await part(other, 'inputs-summary').locator('summary').click()
  await expect(part(other, 'inputs-values')).toContainText('Zoe')
  const talk = other.waitForRequest((request) => request.url().endsWith('/talk'))
  await chatPage(other).send('[[echo]] encore')
  expect(((await talk).postDataJSON() as { inputs: Record<string, unknown> }).inputs).toMatchObject(
    {
      name: 'Zoe',
      lang: 'fr',
    },
  )
  await expect(await chatPage(other).waitForAnswer(2)).toContainText('encore')
  await first.close()
  await second.close()
})

test('a file input Dify takes only as a link asks for an http(s) address and sends it', async ({
  page,
}) => {
  failOnScriptActivity(page)
  const chat = chatPage(page)
  await page.goto('/full/?name=Zoe')
  const link = page.getByRole('textbox', { name: 'Reference' })
  await link.fill('javascript:alert(1)')
  await expect(part(page, 'inputs-form')).toContainText('starting with http:// or https://')
  await link.fill('https://example.com/spec.pdf')
  await expect(part(page, 'inputs-form').locator('[data-part=inputs-error]')).toHaveCount(0)
  const talk = page.waitForRequest((request) => request.url().endsWith('/talk'))
  await chat.send('[[echo]] read it')
  expect(((await talk).postDataJSON() as { inputs: Record<string, unknown> }).inputs.ref).toEqual({
    type: 'document',
    transfer_method: 'remote_url',
    url: 'https://example.com/spec.pdf',
  })
  await expect(await chat.waitForAnswer(1)).toContainText('read it')
  await part(page, 'inputs-summary').locator('summary').click()
  await expect(part(page, 'inputs-values')).toContainText('https://example.com/spec.pdf')
})
