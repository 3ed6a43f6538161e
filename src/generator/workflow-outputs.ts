import { isRecord } from '../../contract/guards.ts'
import type { WorkflowRun } from './workflow-run.ts'

/** A file among a run's outputs, as the relay trims it (docs/app-types.md#what-reaches-the-browser). */
export interface OutputFile {
  name: string
  /** Only a web address or an inline picture: anything else is shown as a name, not a link. */
  url: string | undefined
  image: boolean
}

/** How the result shows a run's outputs (docs/app-types.md). */
export type OutputsView =
  | { kind: 'none' }
  | { kind: 'markdown'; text: string }
  | { kind: 'fields'; fields: Array<{ name: string; value: OutputValue }> }

export type OutputValue =
  | { kind: 'markdown'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'files'; files: OutputFile[] }

/**
 * While the run streams, its `text_chunk`s; once it ends, its outputs: one string as markdown,
 * several as labelled fields (strings as markdown, files as links or pictures, other values as
 * JSON text). A run with no outputs keeps its streamed text.
 */
export function outputsView(run: WorkflowRun): OutputsView {
  const entries = Object.entries(run.outputs ?? {})
  if (run.status === 'running' || entries.length === 0) {
    return run.text !== '' ? { kind: 'markdown', text: run.text } : { kind: 'none' }
  }
  const [only] = entries
  if (entries.length === 1 && typeof only?.[1] === 'string') {
    return { kind: 'markdown', text: only[1] }
  }
  return {
    kind: 'fields',
    fields: entries.map(([name, value]) => ({ name, value: valueOf(value) })),
  }
}

/** The text Copy takes: the single output, the streamed text, or the outputs as JSON. */
export function copyableText(run: WorkflowRun): string {
  const view = outputsView(run)
  if (view.kind === 'markdown') return view.text
  return run.outputs && Object.keys(run.outputs).length > 0
    ? JSON.stringify(run.outputs, null, 2)
    : run.text
}

function valueOf(value: unknown): OutputValue {
  if (typeof value === 'string') return { kind: 'markdown', text: value }
  const files = Array.isArray(value) ? value : [value]
  if (files.length > 0 && files.every(isFileObject)) {
    return { kind: 'files', files: files.map(toOutputFile) }
  }
  return {
    kind: 'text',
    text: typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value),
  }
}

function isFileObject(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.filename === 'string' && typeof value.type === 'string'
}

function toOutputFile(file: Record<string, unknown>): OutputFile {
  const url = typeof file.url === 'string' ? file.url : ''
  const mime = typeof file.mime_type === 'string' ? file.mime_type : ''
  const image = file.type === 'image' || mime.startsWith('image/')
  const safe = /^https?:\/\//i.test(url) || (image && /^data:image\//i.test(url))
  return { name: file.filename as string, url: safe ? url : undefined, image }
}
