import { expect, test } from '@playwright/test'
import { expectNoHorizontalScroll, failOnScriptActivity } from './chat-page.ts'
import {
  batchPartsOutsidePanel,
  generatorPage,
  runSmallBatch,
  seriousAxeViolations,
} from './generator-page.ts'
import { SCHEMES, THEMES, VIEWPORTS } from './theme-matrix.ts'

// Every pack at both sizes and in both schemes: the text generator in light, the workflow in dark;
// one run, then a small batch in the same page.
for (const theme of THEMES) {
  for (const viewport of VIEWPORTS) {
    for (const scheme of SCHEMES) {
      const app = scheme === 'light' ? 'writer' : 'flow'
      const name = `${app}-${theme}-${viewport.width}x${viewport.height}-${scheme}`
      test(`generator ${name}: runs, runs a batch, fits, passes axe`, async ({
        browser,
      }, testInfo) => {
        test.setTimeout(60_000)
        const context = await browser.newContext({ viewport, colorScheme: scheme })
        const page = await context.newPage()
        const guard = failOnScriptActivity(page)
        const generator = generatorPage(page)
        await page.goto(`/${app}-${theme}/`)
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
        await expect(generator.results.locator('[data-part="generator-empty"]')).toBeVisible()

        await generator.run(app === 'flow' ? 'Autumn [[echo]] [[file]]' : 'Autumn')
        await expect(generator.result).toHaveAttribute('data-status', 'succeeded')
        if (app === 'flow') {
          await expect(generator.results.locator('[data-part="output-image"]')).toBeVisible()
        }
        await expectNoHorizontalScroll(page, '[data-part=generator]')
        expect(await seriousAxeViolations(page)).toEqual([])

        await page.evaluate(() => document.fonts.ready)
        const path = `test-results/generator/${name}.png`
        await page.screenshot({ path })
        await testInfo.attach(name, { path, contentType: 'image/png' })

        const { rows, failed } = await runSmallBatch(page)
        expect(await batchPartsOutsidePanel(page)).toEqual([])
        await expectNoHorizontalScroll(page, '[data-part=generator]')
        // The pack tells a failed row from a done one at a glance, not only by its words.
        const statusColor = (row: typeof rows) =>
          row
            .locator('[data-part="batch-row-status"]')
            .first()
            .evaluate((status) => getComputedStyle(status).color)
        const done = rows.and(page.locator('[data-status="succeeded"]'))
        expect(await statusColor(failed)).not.toBe(await statusColor(done))
        expect(await seriousAxeViolations(page)).toEqual([])
        const batchPath = `test-results/generator/${name}-batch.png`
        await page.screenshot({ path: batchPath, fullPage: true })
        await testInfo.attach(`${name}-batch`, { path: batchPath, contentType: 'image/png' })
        guard.assertClean()
        await context.close()
      })
    }
  }
}

test.describe('text generator (completion)', () => {
  test('runs, keeps earlier results, rates, saves and removes a result', async ({ page }) => {
    const generator = generatorPage(page)
    await page.goto('/writer-minimal/')
    await generator.runButton.click()
    // The required topic is missing: nothing runs, the form says so.
    await expect(page.locator('[data-part="inputs-error"]')).toBeVisible()
    await expect(generator.result).toHaveCount(0)

    await generator.run('Tea')
    await expect(generator.result).toHaveAttribute('data-status', 'succeeded')
    await expect(generator.result.getByRole('heading', { name: 'Tea Friendly' })).toBeVisible()
    await expect(generator.result.locator('[data-part="result-tokens"]')).toContainText('tokens')
    await generator.run('Coffee')
    await expect(generator.result).toHaveCount(2)
    await expect(generator.result.first()).toHaveAttribute('data-status', 'succeeded')
    await expect(
      generator.result.first().getByRole('heading', { name: 'Coffee Friendly' }),
    ).toBeVisible()

    const newest = generator.result.first()
    await newest.locator('[data-part="action-like"]').click()
    await expect(newest.locator('[data-part="action-like"]')).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await newest.locator('[data-part="action-save"]').click()
    await expect(newest.locator('[data-part="action-status"]')).toHaveText('Saved')
    await expect(newest.locator('[data-part="action-save"]')).toHaveAttribute(
      'aria-pressed',
      'true',
    )

    // Saved results stay in this browser: after a reload they are still in their tab.
    await page.reload()
    await page.getByRole('tab', { name: 'Saved' }).click()
    const saved = page.locator('[data-part="saved-item"]')
    await expect(saved).toHaveCount(1)
    await expect(saved.getByRole('heading', { name: 'Coffee Friendly' })).toBeVisible()
    await saved.locator('[data-part="saved-remove"]').click()
    await expect(saved).toHaveCount(0)
    await expect(page.locator('[data-part="generator-empty"]').first()).toBeVisible()
  })

  test('Stop ends a run and keeps what it wrote, marked stopped', async ({ page }) => {
    const generator = generatorPage(page)
    await page.goto('/writer-minimal/')
    await generator.run('Slow [[slow=150]]')
    await expect(generator.result.locator('[data-part="content"]')).toContainText('Slow')
    await generator.stopButton.click()
    await expect(generator.result).toHaveAttribute('data-status', 'stopped')
    await expect(generator.result.locator('[data-part="result-state"]')).toHaveText('Stopped')
    const text = await generator.result.locator('[data-part="content"]').innerText()
    expect(text).not.toContain('Thank you for trying')
    await expect(generator.runButton).toHaveAttribute('aria-disabled', 'false')
    await expect(generator.error).toHaveCount(0)
  })
})

test.describe('workflow', () => {
  test('shows node progress, then the outputs as fields with the files', async ({ page }) => {
    const generator = generatorPage(page)
    await page.goto('/flow-minimal/')
    await generator.run('Rain [[echo]] [[file]] [[slow=40]]')
    await expect(generator.nodes.filter({ hasText: 'Write' }).first()).toHaveAttribute(
      'data-status',
      'running',
    )
    await expect(generator.result).toHaveAttribute('data-status', 'succeeded')
    // Folded by node: the iteration's children are its rounds, never rows of their own.
    await expect(generator.nodes.locator('[data-part="node-title"]')).toHaveText([
      'Start',
      'Plan the piece',
      'Write',
      'End',
    ])
    await expect(generator.nodes.nth(1).locator('[data-part="node-rounds"]')).toHaveText('2 rounds')
    await expect(generator.result.locator('[data-part="result-steps"]')).toHaveText('6 steps')
    const outputs = generator.result.locator('[data-part="output"]')
    await expect(outputs.locator('[data-part="output-name"]')).toHaveText([
      'text',
      'topic',
      'words',
      'files',
    ])
    await expect(outputs.nth(0).getByRole('heading', { name: 'Rain Friendly' })).toBeVisible()
    const image = outputs.nth(3).locator('img[data-part="output-image"]')
    await expect(image).toHaveAttribute('alt', 'demo-chart.svg')
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240)
    const link = outputs.nth(3).getByRole('link', { name: 'demo-notes.txt' })
    const response = await page.request.get((await link.getAttribute('href'))!)
    expect(await response.text()).toContain('Demo notes')
  })

  test('Stop marks the node that was running as stopped', async ({ page }) => {
    const generator = generatorPage(page)
    await page.goto('/flow-minimal/')
    await generator.run('Long [[slow=150]]')
    const write = generator.nodes.filter({ hasText: 'Write' }).last()
    await expect(write).toHaveAttribute('data-status', 'running')
    await generator.stopButton.click()
    await expect(generator.result).toHaveAttribute('data-status', 'stopped')
    await expect(write).toHaveAttribute('data-status', 'stopped')
    await expect(write.locator('[data-part="node-state"]')).toHaveText('Stopped')
    await expect(generator.nodes.filter({ hasText: 'End' })).toHaveCount(0)
  })

  test('an error event fails the run with a readable message', async ({ page }) => {
    const generator = generatorPage(page)
    await page.goto('/flow-minimal/')
    await generator.run('Oops [[error-event=500]]')
    await expect(generator.result).toHaveAttribute('data-status', 'failed')
    await expect(generator.error).toContainText('unavailable right now')
    await expect(generator.nodes.filter({ hasText: 'Write' })).toHaveAttribute(
      'data-status',
      'stopped',
    )
  })

  test('a reload brings the last run back', async ({ page }) => {
    const generator = generatorPage(page)
    await page.goto('/flow-minimal/')
    await generator.run('Snow')
    await expect(generator.result).toHaveAttribute('data-status', 'succeeded')
    await page.reload()
    await expect(generator.result.locator('[data-part="result-restored"]')).toHaveText(
      'Your last run',
    )
    await expect(generator.result).toHaveAttribute('data-status', 'succeeded')
    await expect(generator.result.getByRole('heading', { name: 'Snow Friendly' })).toBeVisible()
    await expect(generator.result.locator('[data-part="result-steps"]')).toHaveText('6 steps')
  })
})
