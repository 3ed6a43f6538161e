// @vitest-environment jsdom
import { afterEach, describe, expect, test, vi } from 'vitest'
import { copyCodeOnClick, enhanceCodeBlocks } from './code-blocks.ts'
import { renderMarkdown } from './render-markdown.ts'

const LABELS = { copy: 'Copy code', copied: 'Copied' }

function mount(markdown: string): HTMLElement {
  const root = document.createElement('div')
  root.innerHTML = renderMarkdown(markdown)
  document.body.append(root)
  return root
}

function click(element: Element): MouseEvent {
  const event = new MouseEvent('click', { bubbles: true })
  Object.defineProperty(event, 'target', { value: element })
  return event
}

afterEach(() => {
  document.body.replaceChildren()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('enhanceCodeBlocks', () => {
  test('gives each code block one labelled copy button, however often it runs', () => {
    const root = mount('```js\na\n```\n\ntext\n\n```\nb\n```')
    enhanceCodeBlocks(root, LABELS)
    enhanceCodeBlocks(root, LABELS)
    const buttons = root.querySelectorAll('button[data-part="copy-code"]')
    expect(buttons).toHaveLength(2)
    expect(buttons[0]?.getAttribute('type')).toBe('button')
    expect(buttons[0]?.getAttribute('aria-label')).toBe('Copy code')
    expect(buttons[0]?.parentElement?.dataset.part).toBe('code-block')
  })

  test('leaves text without code alone', () => {
    const root = mount('just **text**')
    const before = root.innerHTML
    enhanceCodeBlocks(root, LABELS)
    expect(root.innerHTML).toBe(before)
  })

  test('highlights known languages once the highlighter has loaded', async () => {
    const root = mount('```ts\nconst a: number = 1 // one\n```\n\n```nope\nconst b = 2\n```')
    enhanceCodeBlocks(root, LABELS)
    const [known, unknown] = root.querySelectorAll('code')
    await vi.waitFor(() => expect(known?.classList).toContain('hljs'))
    expect(known?.querySelector('.hljs-keyword')?.textContent).toBe('const')
    expect(known?.textContent).toBe('const a: number = 1 // one\n')
    expect(unknown?.classList).not.toContain('hljs')
    expect(unknown?.children).toHaveLength(0)
  })
})

describe('copyCodeOnClick', () => {
  test('copies the code of the clicked block and says so for a while', async () => {
    vi.useFakeTimers()
    const writeText = vi.fn(async () => {})
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    const root = mount('```\nfirst\n```\n\n```\nsecond <b>\n```')
    enhanceCodeBlocks(root, LABELS)
    const button = root.querySelectorAll('[data-part="copy-code"]')[1] as HTMLButtonElement
    await copyCodeOnClick(click(button.querySelector('svg') ?? button), LABELS)
    expect(writeText).toHaveBeenCalledWith('second <b>\n')
    expect(button.dataset.state).toBe('copied')
    expect(button.getAttribute('aria-label')).toBe('Copied')
    vi.advanceTimersByTime(2000)
    expect(button.dataset.state).toBeUndefined()
    expect(button.getAttribute('aria-label')).toBe('Copy code')
  })

  test('selects the code when the clipboard refuses', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: () => Promise.reject(new Error('no')) } })
    const root = mount('```\ncode\n```')
    enhanceCodeBlocks(root, LABELS)
    const button = root.querySelector('[data-part="copy-code"]') as HTMLButtonElement
    await copyCodeOnClick(click(button), LABELS)
    expect(button.dataset.state).toBeUndefined()
    expect(getSelection()?.toString()).toBe('code\n')
  })

  test('selects the code where there is no clipboard at all', async () => {
    vi.stubGlobal('navigator', {})
    const root = mount('```\ncode\n```')
    enhanceCodeBlocks(root, LABELS)
    const button = root.querySelector('[data-part="copy-code"]') as HTMLButtonElement
    await copyCodeOnClick(click(button), LABELS)
    expect(getSelection()?.toString()).toBe('code\n')
  })

  test('ignores clicks elsewhere', async () => {
    const writeText = vi.fn(async () => {})
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    const root = mount('text\n\n```\ncode\n```')
    enhanceCodeBlocks(root, LABELS)
    await copyCodeOnClick(click(root.querySelector('p') as Element), LABELS)
    await copyCodeOnClick(click(root.querySelector('code') as Element), LABELS)
    expect(writeText).not.toHaveBeenCalled()
  })
})
