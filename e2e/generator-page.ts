import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** The text generator page's parts, as a visitor uses them (src/components/generator/). */
export function generatorPage(page: Page) {
  const results = page.locator('[data-part="generator-output"]')
  return {
    topic: page.getByLabel('Topic'),
    runButton: page.locator('[data-part="run"]'),
    stopButton: page.locator('[data-part="run-stop"]'),
    results,
    result: results.locator('[data-part="result"]'),
    nodes: results.locator('[data-part="node"]'),
    error: results.locator('[data-part="error"]'),
    /** Fills the required field and presses Run. */
    async run(topic: string) {
      await this.topic.fill(topic)
      await this.runButton.click()
    },
  }
}

/** Serious and critical axe violations on the page, as `rule: targets` lines. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).analyze()
  return axe.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    )
}

/**
 * A small batch in the Batch tab (docs/app-types.md#batch-runs): four rows, one failing through a
 * fault directive and one with a long unbroken word that must wrap inside its row.
 */
export async function runSmallBatch(page: Page) {
  await page.locator('#chatskins-tab-batch').click()
  const rows = page.locator('[data-part="batch-row"]')
  const csv = [
    'topic,tone',
    'Maple,Formal',
    '[[http=500]] Pine,',
    `${'Birch'.repeat(14)},Friendly`,
    'Cedar 猫,',
  ].join('\r\n')
  await page
    .locator('[data-part="batch-upload"] input')
    .setInputFiles({ name: 'trees.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await expect(rows).toHaveCount(4)
  await page.locator('[data-part="batch-run"]').click()
  await expect(page.locator('[data-part="batch-controls"]')).toHaveAttribute('data-phase', 'done')
  await expect(rows.and(page.locator('[data-status="succeeded"]'))).toHaveCount(3)
  const failed = rows.and(page.locator('[data-status="failed"]'))
  await expect(failed).toContainText('Row 3')
  await expect(failed.locator('[data-part="batch-row-error"]')).toHaveText(/\w.*\./)
  await expect(page.locator('[data-part="batch-retry"]')).toBeVisible()
  return { rows, failed }
}

/** The batch parts that stick out of the side panel sideways, as `part: px` lines. */
export function batchPartsOutsidePanel(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const panel = document
      .querySelector('[data-part="generator-tabpanel"]')!
      .getBoundingClientRect()
    const parts = document.querySelectorAll<HTMLElement>('[data-part^="batch"]')
    return Array.from(parts).flatMap((part) => {
      const box = part.getBoundingClientRect()
      // Words for screen readers only are clipped to a pixel on purpose.
      if (box.width === 0 || part.classList.contains('sr-only')) return []
      const out = Math.max(panel.left - box.left, box.right - panel.right)
      return out > 0.5 ? [`${part.dataset.part}: ${Math.round(out)}px`] : []
    })
  })
}
