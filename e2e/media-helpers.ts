import { expect, type Locator, type Page, type Request } from '@playwright/test'

/** A valid 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)

/** Records calls to `HTMLMediaElement.play` (and whether they were refused) in the page. */
export async function recordPlays(page: Page) {
  await page.addInitScript(() => {
    const plays: string[] = []
    ;(window as unknown as { __plays: string[] }).__plays = plays
    const play = HTMLMediaElement.prototype.play
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      plays.push(this.src)
      return play.call(this)
    }
  })
  return () => page.evaluate(() => (window as unknown as { __plays: string[] }).__plays)
}

/** The page's requests whose path ends with `suffix`, as they are made. */
export function requestsTo(page: Page, suffix: string) {
  const requests: Request[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith(suffix)) requests.push(request)
  })
  return requests
}

/**
 * After auto-play has played an answer once: its read-aloud button plays the streamed audio again
 * without asking `/text-to-audio` (`speech`) for it.
 */
export async function expectStreamedReplay(
  button: Locator,
  plays: () => Promise<string[]>,
  speech: readonly Request[],
) {
  await expect(button).toBeVisible()
  if ((await button.getAttribute('aria-pressed')) === 'true') await button.click()
  await button.click()
  await expect.poll(plays).toHaveLength(2)
  expect(speech).toHaveLength(0)
}
