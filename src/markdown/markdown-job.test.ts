// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { longAnswer } from '../../server/demo/demo-answers.ts'
import { createMarkdownJob } from './markdown-job.ts'
import { renderMarkdown } from './render-markdown.ts'
import { createSliceScheduler } from './slice-scheduler.ts'
import { createStreamingMarkdown, type MarkdownView } from './streaming-markdown.ts'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

const htmlOf = (view: MarkdownView) =>
  view.blocks.map((block) => block.html).join('') + view.tailHtml

/** Slices on fake timers where every markdown render takes 3 ms of fake time. */
function setup() {
  const slices = createSliceScheduler({
    budgetMs: 8,
    now: () => Date.now(),
    post: (callback) => setTimeout(callback, 0),
  })
  const render = (part: string) => {
    vi.setSystemTime(Date.now() + 3)
    return renderMarkdown(part)
  }
  return { slices, render }
}

describe('createMarkdownJob', () => {
  test('a short answer shows at once, with nothing left for later', () => {
    const { slices } = setup()
    const onProgress = vi.fn()
    const job = createMarkdownJob({ onProgress, slices })
    const view = job.show('Hello **there**', true)
    expect(htmlOf(view)).toBe('<p>Hello <strong>there</strong></p>\n')
    expect(view.pending).toBe(false)
    expect(vi.getTimerCount()).toBeLessThanOrEqual(1)
  })

  test('a long answer shows what fits now and the rest slice by slice, then all of it', async () => {
    const { slices, render } = setup()
    const text = longAnswer(20_000)
    const views: MarkdownView[] = []
    const job = createMarkdownJob({
      onProgress: () => views.push(job.show(text, true)),
      slices,
      markdown: createStreamingMarkdown({ render }),
    })
    const first = job.show(text, true)
    expect(first.pending).toBe(true)
    expect(first.blocks.length).toBeGreaterThan(0)
    expect(first.unrendered.length).toBeGreaterThan(0)
    await vi.runAllTimersAsync()
    expect(views.length).toBeGreaterThan(2)
    const last = views.at(-1)!
    expect(last.pending).toBe(false)
    expect(htmlOf(last)).toBe(renderMarkdown(text))
  })

  test('answers rendering at the same time share one budget per task', () => {
    const { slices, render } = setup()
    const text = longAnswer(20_000)
    const jobs = Array.from({ length: 5 }, () =>
      createMarkdownJob({
        onProgress: () => {},
        slices,
        markdown: createStreamingMarkdown({ render }),
      }),
    )
    const start = Date.now()
    const views = jobs.map((job) => job.show(text, true))
    // 8 ms of budget at 3 ms a render: three renders in this task, not three per answer.
    expect(Date.now() - start).toBe(9)
    expect(views[0]?.blocks).toHaveLength(3)
    expect(views.slice(1).every((view) => view.blocks.length === 0 && view.pending)).toBe(true)
  })

  test('stop drops the work left', async () => {
    const { slices, render } = setup()
    const onProgress = vi.fn()
    const job = createMarkdownJob({
      onProgress,
      slices,
      markdown: createStreamingMarkdown({ render }),
    })
    expect(job.show(longAnswer(20_000), true).pending).toBe(true)
    job.stop()
    await vi.runAllTimersAsync()
    expect(onProgress).not.toHaveBeenCalled()
  })
})
