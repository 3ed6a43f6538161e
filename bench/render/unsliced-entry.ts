// The page side of the unsliced baseline: the client's own renderer (marked + DOMPurify, then
// highlight.js per code block) run over the whole text in one go, as the client did before it
// rendered in slices. Bundled by unsliced.ts and injected into the real chat page.
import { highlightCode } from '../../src/markdown/highlight-code.ts'
import { renderMarkdown } from '../../src/markdown/render-markdown.ts'

declare global {
  interface Window {
    renderUnsliced(text: string, into: Element): void
  }
}

window.renderUnsliced = (text, into) => {
  into.innerHTML = renderMarkdown(text)
  for (const code of into.querySelectorAll<HTMLElement>('[data-part="code-block"] code')) {
    highlightCode(code)
  }
}
