import { sharedSlices, type SliceJob, type SliceScheduler } from './slice-scheduler.ts'
import {
  createStreamingMarkdown,
  type MarkdownView,
  type StreamingMarkdown,
} from './streaming-markdown.ts'

/** One answer's rendering, spread over slices of the page's shared budget. */
export interface MarkdownJob {
  /**
   * The view of `text` now: as much as fits the current slice is rendered at once (all of it, for
   * a streamed update), the rest in later slices, each announced through `onProgress`.
   */
  show(text: string, finished: boolean): MarkdownView
  /** Stops the work left (the answer left the page). */
  stop(): void
}

export interface MarkdownJobOptions {
  /** Called after a later slice changed the view, to show it. */
  onProgress: () => void
  slices?: SliceScheduler
  markdown?: StreamingMarkdown
}

export function createMarkdownJob(options: MarkdownJobOptions): MarkdownJob {
  const slices = options.slices ?? sharedSlices()
  const markdown = options.markdown ?? createStreamingMarkdown()
  let text = ''
  let finished = false
  let view: MarkdownView = { blocks: [], tailHtml: '', unrendered: '', pending: false }

  const advance = (hasTime: () => boolean) => {
    view = finished ? markdown.finish(text, hasTime) : markdown.update(text, hasTime)
    return view.pending
  }
  const job: SliceJob = (hasTime) => {
    const more = advance(hasTime)
    options.onProgress()
    return more
  }

  return {
    show(nextText, nextFinished) {
      if (nextText === text && nextFinished === finished) return view
      text = nextText
      finished = nextFinished
      if (advance(slices.hasTime)) slices.schedule(job)
      return view
    },
    stop: () => slices.cancel(job),
  }
}
