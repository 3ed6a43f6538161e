import { expect, test } from '@playwright/test'
import { CROSS_SITE_LAUNCH } from './cross-site.ts'
import { serveHostPage } from './embed-host.ts'

test.use({ launchOptions: CROSS_SITE_LAUNCH })

/**
 * A workflow app embedded on another site (docs/embed.md#generator-apps): the shop page at
 * localhost frames the chat server at 127.0.0.1, as in e2e/embed.spec.ts.
 */
test('a workflow runs inside the panel; its result reaches the host, close and Esc return focus', async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 360, height: 740 })
  await page.goto(await serveHostPage(page, baseURL!, { attributes: { endpoint: 'embed-flow' } }))
  const launcher = page.locator('[data-part=launcher]')
  const panel = page.locator('[data-part=embed-panel]')
  const frame = page.frameLocator('[data-part=embed-panel] iframe')
  const topic = frame.getByLabel('Topic')
  const result = frame.locator('[data-part="generator-output"] [data-part="result"]')

  await launcher.click()
  await expect(panel).toBeVisible()
  await expect(topic).toBeFocused()
  await topic.fill('Harbor')
  await frame.locator('[data-part="run"]').click()
  await expect(result).toHaveAttribute('data-status', 'succeeded')
  await expect(frame.locator('[data-part="node-title"]')).toHaveText([
    'Start',
    'Plan the piece',
    'Write',
    'End',
  ])
  await expect(result.getByRole('heading', { name: 'Harbor Friendly' })).toBeVisible()
  // The host page's own `on('answer')` listener got the run's output.
  await expect(page.locator('#answers li')).toHaveCount(1)
  await expect(page.locator('#answers li')).toContainText('Harbor Friendly')
  await page.screenshot({ path: 'test-results/embed/workflow-korean-360.png' })

  await frame.locator('[data-part=embed-close]').click()
  await expect(panel).toBeHidden()
  await expect(launcher).toBeFocused()
  await expect(page.locator('body')).toHaveAttribute('data-chat', 'closed')

  await launcher.click()
  await expect(topic).toBeFocused()
  // The run is still there: closing hides the panel, it doesn't reload it.
  await expect(result).toHaveAttribute('data-status', 'succeeded')
  await topic.press('Escape')
  await expect(panel).toBeHidden()
  await expect(launcher).toBeFocused()
})
