import { expect, test, type Page } from '@playwright/test'
import { failOnScriptActivity } from './chat-page.ts'
import { generatorPage, seriousAxeViolations } from './generator-page.ts'
import { expectStreamedReplay, PNG, recordPlays, requestsTo } from './media-helpers.ts'

/**
 * A text generator's media against the fake Dify: read-aloud of a completion result
 * (`writer-minimal`: text to speech on, no auto-play) and `writer-media` (`app-completion-media`:
 * pictures sent with a run, and results read aloud as they stream with `tts_message`).
 */

const part = (page: Page, name: string) => page.locator(`[data-part="${name}"]`)

test.describe('read-aloud of a completion result', () => {
  test('asks /text-to-audio for the words of the result, not its markdown, and plays them', async ({
    page,
  }) => {
    const plays = await recordPlays(page)
    const speech = requestsTo(page, '/api/text-to-audio')
    const generator = generatorPage(page)
    await page.goto('/writer-minimal/')
    await generator.run('Green tea')
    await expect(generator.result).toHaveAttribute('data-status', 'succeeded')
    const button = generator.result.getByRole('button', { name: 'Read aloud' })
    await button.click()
    await expect.poll(() => speech.length).toBe(1)
    const { text } = speech[0]!.postDataJSON() as { text: string }
    // The demo writes "## Green tea Friendly", "**Stop**", "`code`" and a list.
    expect(text).toMatch(/^Green tea Friendly\n/)
    expect(text).toContain('so you can press Stop.')
    for (const syntax of ['#', '**', '`', '\n- ']) expect(text).not.toContain(syntax)
    await expect.poll(plays).toHaveLength(1)
    expect((await plays())[0]).toMatch(/^blob:/)
    await expect(button).toHaveAttribute('aria-pressed', 'true')
    await button.click()
    await expect(button).toHaveAttribute('aria-pressed', 'false')
  })

  test('auto-play plays the streamed tts_message audio; the button replays it', async ({
    page,
  }) => {
    const guard = failOnScriptActivity(page)
    const plays = await recordPlays(page)
    const speech = requestsTo(page, '/api/text-to-audio')
    const generator = generatorPage(page)
    await page.goto('/writer-media/')
    await generator.run('Oolong')
    await expect(generator.result).toHaveAttribute('data-status', 'succeeded')
    await expect.poll(plays).toHaveLength(1)
    const button = generator.result.getByRole('button', { name: 'Read aloud' })
    await expectStreamedReplay(button, plays, speech)
    guard.assertClean()
  })
})

test.describe('files of a completion app with vision', () => {
  test('a picture attached to the form goes with the run, and again with the next', async ({
    page,
  }) => {
    const guard = failOnScriptActivity(page)
    const runs = requestsTo(page, '/run')
    const generator = generatorPage(page)
    await page.goto('/writer-media/')
    const files = part(page, 'run-files')
    await expect(files).toHaveAccessibleName('Files for the app')
    await expect(files.locator('[data-part="attach"]')).toHaveAccessibleName('Attach files')
    await part(page, 'attach-input').setInputFiles({
      name: 'teapot.png',
      mimeType: 'image/png',
      buffer: PNG,
    })
    const attachment = files.locator('[data-part="attachment"]')
    await expect(attachment).toHaveAttribute('data-status', 'done')
    await expect(attachment.locator('img')).toHaveAttribute('src', /^blob:/)

    await generator.run('Teapots')
    await expect(generator.result).toHaveAttribute('data-status', 'succeeded')
    const [body] = runs.map((request) => request.postDataJSON() as { files?: unknown[] })
    expect(body!.files).toEqual([
      { type: 'image', transfer_method: 'local_file', upload_file_id: expect.any(String) },
    ])
    // The fake Dify resolved the upload id as the visitor's own file and names it in the text.
    await expect(generator.result.locator('[data-part="content"]')).toContainText(
      'It looked at teapot.png (image).',
    )
    // The picture stays in the form, like the inputs.
    await expect(attachment).toHaveCount(1)
    await generator.run('More teapots')
    await expect(generator.result).toHaveCount(2)
    await expect(generator.result.first()).toContainText('It looked at teapot.png (image).')
    expect(await seriousAxeViolations(page)).toEqual([])

    await attachment.getByRole('button', { name: 'Remove “teapot.png”' }).click()
    await generator.run('No pictures')
    await expect(generator.result).toHaveCount(3)
    await expect(generator.result.first()).toHaveAttribute('data-status', 'succeeded')
    await expect(generator.result.first()).not.toContainText('It looked at')
    expect(runs.map((request) => 'files' in request.postDataJSON())).toEqual([true, true, false])
    guard.assertClean()
  })

  test('a completion app without file upload shows no file parts', async ({ page }) => {
    const generator = generatorPage(page)
    await page.goto('/writer-minimal/')
    await generator.run('Plain')
    await expect(generator.result).toHaveAttribute('data-status', 'succeeded')
    for (const name of ['run-files', 'attach', 'attach-input']) {
      await expect(part(page, name)).toHaveCount(0)
    }
  })
})
