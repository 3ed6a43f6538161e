import { expect, test } from '@playwright/test'
import { CROSS_SITE_LAUNCH } from './cross-site.ts'

test.use({ launchOptions: CROSS_SITE_LAUNCH })

/**
 * `frameAncestors` in a real browser: another origin (localhost instead of 127.0.0.1, same server)
 * may frame the `embeddable` endpoint, which lists it, and not `minimal`, which keeps the default.
 */
test('another site can frame an endpoint only where its frameAncestors allow it', async ({
  page,
  baseURL,
}) => {
  const server = new URL(baseURL!)
  const otherOrigin = `http://localhost:${server.port}`
  await page.route(`${otherOrigin}/embed-test`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>shop</title>
        <iframe name="allowed" src="${baseURL}/embeddable/"></iframe>
        <iframe name="refused" src="${baseURL}/minimal/"></iframe>`,
    }),
  )
  await page.goto(`${otherOrigin}/embed-test`)
  const allowed = page.frameLocator('iframe[name=allowed]')
  await expect(allowed.locator('[data-part=bot-name]')).toHaveText('Embed')
  // A refused frame shows Chromium's own error page, never the chat.
  const refused = page.frames().find((frame) => frame.name() === 'refused')!
  await expect.poll(() => refused.url()).toMatch(/^chrome-error:/)
  expect(await refused.locator('[data-part=app]').count()).toBe(0)
})
