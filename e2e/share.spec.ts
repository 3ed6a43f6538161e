import { expect, test } from '@playwright/test'

test('Chromium finds a branded endpoint installable from its manifest', async ({ page }) => {
  await page.goto('/brand-western/')
  await page.waitForSelector('textarea[data-part="input"]')
  const cdp = await page.context().newCDPSession(page)
  const manifest = await cdp.send('Page.getAppManifest')
  expect(manifest.errors).toEqual([])
  expect(manifest.url).toMatch(/\/brand-western\/manifest\.webmanifest$/)
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
  // Playwright's contexts are incognito, which Chromium never installs from; that is the only
  // objection allowed: none about the manifest, its icon, its display mode or its start URL.
  expect(
    installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito'),
  ).toEqual([])
})
