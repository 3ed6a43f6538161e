import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createSliceScheduler } from './slice-scheduler.ts'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

/** A scheduler on fake timers; each unit of work takes `unitMs` of fake time. */
function setup(budgetMs = 8) {
  const scheduler = createSliceScheduler({
    budgetMs,
    now: () => Date.now(),
    post: (callback) => setTimeout(callback, 0),
  })
  const slices: number[][] = []
  let slice: number[] | null = null
  /** A job of `units` units of 3 ms each, recording which units ran in which task. */
  const job = (name: number, units: number) => {
    let left = units
    return (hasTime: () => boolean) => {
      while (left > 0 && hasTime()) {
        if (!slice) {
          slice = []
          slices.push(slice)
          queueMicrotask(() => (slice = null))
        }
        slice.push(name)
        vi.setSystemTime(Date.now() + 3)
        left--
      }
      return left > 0
    }
  }
  return { scheduler, slices, job }
}

describe('createSliceScheduler', () => {
  test('runs a long job in slices within the budget, one task each', async () => {
    const { scheduler, slices, job } = setup(8)
    scheduler.schedule(job(1, 10))
    expect(slices).toEqual([])
    await vi.runAllTimersAsync()
    // 3 ms units in an 8 ms budget: three units per slice (the third starts at 6 ms).
    expect(slices).toEqual([[1, 1, 1], [1, 1, 1], [1, 1, 1], [1]])
  })

  test('jobs queued together share a slice, in the order they came', async () => {
    const { scheduler, slices, job } = setup(8)
    scheduler.schedule(job(1, 2))
    scheduler.schedule(job(2, 3))
    await vi.runAllTimersAsync()
    expect(slices).toEqual([
      [1, 1, 2],
      [2, 2],
    ])
  })

  test('a job queued twice runs once, and a cancelled job not at all', async () => {
    const { scheduler, slices, job } = setup(8)
    const twice = job(1, 1)
    scheduler.schedule(twice)
    scheduler.schedule(twice)
    const cancelled = job(2, 1)
    scheduler.schedule(cancelled)
    scheduler.cancel(cancelled)
    await vi.runAllTimersAsync()
    expect(slices).toEqual([[1]])
  })

  test('every slice makes progress, even when one unit is over the budget', async () => {
    const { scheduler, slices, job } = setup(1)
    scheduler.schedule(job(1, 3))
    await vi.runAllTimersAsync()
    expect(slices).toEqual([[1], [1], [1]])
  })

  test('work done outside a slice shares one budget until its task ends', async () => {
    const { scheduler } = setup(8)
    expect(scheduler.hasTime()).toBe(true)
    vi.setSystemTime(Date.now() + 5)
    expect(scheduler.hasTime()).toBe(true)
    vi.setSystemTime(Date.now() + 5)
    // A second component rendering in the same task finds the budget spent.
    expect(scheduler.hasTime()).toBe(false)
    await vi.advanceTimersByTimeAsync(0)
    // The next task has a budget of its own.
    expect(scheduler.hasTime()).toBe(true)
  })
})
