import { expect, test } from 'vitest'
import { loadedMarkdown, loadMarkdown, preloadMarkdown } from './load-markdown.ts'

test('loads the renderer once and then hands it out at once', async () => {
  expect(loadedMarkdown()).toBeNull()
  preloadMarkdown()
  const first = loadMarkdown()
  expect(loadMarkdown()).toBe(first)
  const markdown = await first
  expect(loadedMarkdown()).toBe(markdown)
  expect(typeof markdown.createMarkdownJob).toBe('function')
  expect(typeof markdown.enhanceCodeBlocks).toBe('function')
})
