import { expect, test, type Page } from '@playwright/test'
import { chatPage } from './chat-page.ts'

/**
 * CJK fonts register only the unicode-range slices of the characters on the page
 * (src/fonts/cjk-faces.ts), and more as text appears, typed text included.
 */

/** The Noto Sans KR faces registered, by their unicode-range. */
const koreanFaces = (page: Page) =>
  page.evaluate(() =>
    [...document.fonts]
      .filter((face) => face.family.includes('Noto Sans KR'))
      .map((face) => face.unicodeRange),
  )

/** Whether a registered Noto Sans KR face covers this character. */
const covered = (page: Page, character: string) =>
  page.evaluate((codePoint) => {
    const inRange = (range: string) =>
      range.split(',').some((part) => {
        const [first, last = first] = part.trim().replace(/^U\+/i, '').split('-')
        return codePoint >= parseInt(first!, 16) && codePoint <= parseInt(last!, 16)
      })
    return [...document.fonts].some(
      (face) => face.family.includes('Noto Sans KR') && inRange(face.unicodeRange),
    )
  }, character.codePointAt(0)!)

test('a Korean page registers the slices its text needs, and more as the visitor types', async ({
  page,
  request,
}) => {
  const chat = chatPage(page)
  await page.goto('/korean/')
  await expect(page.locator('[data-part=bot-name]')).toHaveText('라온')
  await expect.poll(() => covered(page, '라')).toBe(true)
  const stylesheet = await (await request.get('/fonts/kr.css')).text()
  const allFaces = stylesheet.split('\n').filter((line) => line.startsWith('@font-face')).length
  const faces = await koreanFaces(page)
  expect(allFaces).toBeGreaterThan(100)
  expect(faces.length).toBeGreaterThan(0)
  expect(faces.length).toBeLessThan(allFaces / 4)

  // A rare syllable (U+D7A3, the last one) is on no page; typed, its slice comes.
  expect(await covered(page, '힣')).toBe(false)
  await chat.input.fill('힣')
  await expect.poll(() => covered(page, '힣')).toBe(true)
})
