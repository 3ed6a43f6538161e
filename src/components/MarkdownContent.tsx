import type { VNode } from 'preact'
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks'
import type { CodeBlockLabels } from '../markdown/code-blocks.ts'
import { loadedMarkdown, loadMarkdown, type MarkdownModule } from '../markdown/load-markdown.ts'

export interface MarkdownContentProps {
  text: string
  /** Still arriving: settled blocks are kept and only the live tail is rendered again. */
  streaming: boolean
  labels: CodeBlockLabels
}

/** A bot answer as sanitized markdown; plain text until the renderer has loaded. */
export function MarkdownContent(props: MarkdownContentProps) {
  const [markdown, setMarkdown] = useState(loadedMarkdown)
  useEffect(() => {
    if (!markdown) loadMarkdown().then(setMarkdown, () => {})
  }, [])
  if (!markdown) return <div data-part="content">{props.text}</div>
  return <RenderedMarkdown markdown={markdown} {...props} />
}

function RenderedMarkdown({
  markdown,
  text,
  streaming,
  labels,
}: MarkdownContentProps & { markdown: MarkdownModule }) {
  const [, redraw] = useReducer((count: number) => count + 1, 0)
  const job = useMemo(
    () => markdown.createMarkdownJob({ onProgress: () => redraw(null) }),
    [markdown],
  )
  useEffect(() => () => job.stop(), [job])
  const nodes = useRef(new Map<string, VNode>())
  const view = job.show(text, !streaming)

  // Handing Preact the same vnode again makes it skip the block: its DOM (with the copy button
  // and highlighting added after mount) stays as it is.
  const kept = new Map<string, VNode>()
  for (const { key, html } of view.blocks) {
    const enhance = (element: HTMLElement) => markdown.enhanceCodeBlocks(element, labels)
    kept.set(
      key,
      nodes.current.get(key) ?? <SettledBlock key={key} html={html} onMount={enhance} />,
    )
  }
  nodes.current = kept

  return (
    <div
      data-part="content"
      data-format="markdown"
      aria-busy={view.pending || undefined}
      onClick={(event) => void markdown.copyCodeOnClick(event, labels)}
    >
      {[...kept.values()]}
      {view.tailHtml && (
        <div data-part="markdown-tail" dangerouslySetInnerHTML={{ __html: view.tailHtml }} />
      )}
      {view.unrendered && <div data-part="markdown-unrendered">{view.unrendered}</div>}
    </div>
  )
}

function SettledBlock({
  html,
  onMount,
}: {
  html: string
  onMount: (element: HTMLElement) => void
}) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    onMount(element)
    // Effects run after the first paint: the block has its real size now, so it may be skipped
    // while out of view (see markdown.css).
    element.dataset.seen = ''
  }, [])
  return <div ref={ref} data-part="markdown-block" dangerouslySetInnerHTML={{ __html: html }} />
}
