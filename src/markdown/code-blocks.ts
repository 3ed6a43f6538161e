import { sharedSlices, type SliceJob, type SliceScheduler } from './slice-scheduler.ts'

/** The copy button's accessible names, from the i18n dictionaries. */
export interface CodeBlockLabels {
  copy: string
  copied: string
}

/** How long a copy button says "copied" before it offers to copy again. */
const COPIED_MS = 2000

const ICONS =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" data-icon="copy">' +
  '<rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V5a2 2 0 0 1 2-2h8"/></svg>' +
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" data-icon="copied">' +
  '<path d="M5 12.5l4.5 4.5L19 7.5"/></svg>'

let highlighter: Promise<typeof import('./highlight-code.ts')> | undefined
/** Code elements waiting for their colours, oldest first. */
const unhighlighted: HTMLElement[] = []
let highlightJob: SliceJob | undefined

/**
 * Gives each finished code block under `root` a copy button and, once the highlighter has
 * loaded (on the first code block), syntax colours, a few blocks per slice of `slices`. The HTML
 * under `root` must not be rendered again afterwards, or the changes are lost.
 */
export function enhanceCodeBlocks(
  root: Element,
  labels: CodeBlockLabels,
  slices: SliceScheduler = sharedSlices(),
): void {
  const blocks = root.querySelectorAll<HTMLElement>('[data-part="code-block"]')
  if (blocks.length === 0) return
  for (const block of blocks) {
    if (!block.querySelector('[data-part="copy-code"]')) block.append(copyButton(labels))
    // Only a block that scrolls sideways is a tab stop, so keyboard users can scroll it.
    const pre = block.querySelector('pre')
    if (pre && pre.scrollWidth > pre.clientWidth) pre.setAttribute('tabindex', '0')
  }
  highlighter ??= import('./highlight-code.ts')
  highlighter.then(
    ({ highlightCode }) => {
      unhighlighted.push(...root.querySelectorAll<HTMLElement>('[data-part="code-block"] code'))
      highlightJob ??= (hasTime) => {
        while (unhighlighted.length > 0 && hasTime()) {
          const code = unhighlighted.shift()
          // A block replaced before its turn (a regenerated answer) needs no colours.
          if (code?.isConnected) highlightCode(code)
        }
        return unhighlighted.length > 0
      }
      slices.schedule(highlightJob)
    },
    () => {
      // Without the highlighter the code stays plain; the next block tries to load it again.
      highlighter = undefined
    },
  )
}

function copyButton(labels: CodeBlockLabels): HTMLButtonElement {
  const button = document.createElement('button')
  button.type = 'button'
  button.dataset.part = 'copy-code'
  button.setAttribute('aria-label', labels.copy)
  button.title = labels.copy
  button.innerHTML = ICONS
  return button
}

/**
 * Copies the code of the block whose copy button was clicked (delegated from the content
 * element). Where the clipboard is out of reach (insecure origin, denied permission) the code
 * is selected instead, so the user can copy it by hand.
 */
export async function copyCodeOnClick(event: Event, labels: CodeBlockLabels): Promise<void> {
  const target = event.target
  const button = target instanceof Element ? target.closest('[data-part="copy-code"]') : null
  const code = button?.parentElement?.querySelector('code')
  if (!(button instanceof HTMLButtonElement) || !code) return
  if (await writeClipboard(code.textContent ?? '')) {
    button.dataset.state = 'copied'
    button.setAttribute('aria-label', labels.copied)
    button.title = labels.copied
    setTimeout(() => {
      delete button.dataset.state
      button.setAttribute('aria-label', labels.copy)
      button.title = labels.copy
    }, COPIED_MS)
  } else {
    getSelection()?.selectAllChildren(code)
  }
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
