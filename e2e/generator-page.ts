import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

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
