/** The markdown renderer, loaded on demand (see load-markdown.ts): marked and DOMPurify live here. */
export { copyCodeOnClick, enhanceCodeBlocks, type CodeBlockLabels } from './code-blocks.ts'
export { createMarkdownJob } from './markdown-job.ts'
