import { describe, expect, it } from 'vitest'
import { createBatchRunner, type RowOutcome, type RowRun } from './batch-runner.ts'
import type { BatchRow } from './check-batch-rows.ts'

const rowsOf = (count: number): BatchRow[] =>
  Array.from({ length: count }, (_, index) => ({
    row: index + 2,
    values: { topic: `t${index}` },
    inputs: { topic: `t${index}` },
  }))

/** Runs that finish when the test says so, recording how many ran at once. */
function controlledRuns() {
  const open = new Map<string, { run: RowRun; finish: (outcome: RowOutcome | Error) => void }>()
  let peak = 0
  return {
    open,
    peak: () => peak,
    runRow: (row: BatchRow, run: RowRun) =>
      new Promise<RowOutcome>((resolve, reject) => {
        const topic = row.values.topic!
        open.set(topic, {
          run,
          finish: (outcome) => {
            open.delete(topic)
            if (outcome instanceof Error) reject(outcome)
            else resolve(outcome)
          },
        })
        peak = Math.max(peak, open.size)
        run.signal.addEventListener('abort', () => {
          open.delete(topic)
          reject(new DOMException('stopped', 'AbortError'))
        })
      }),
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))
const succeed = (text: string): RowOutcome => ({ status: 'succeeded', text })

describe('createBatchRunner', () => {
  it('runs rows in file order, never more at once than the concurrency', async () => {
    const runs = controlledRuns()
    const runner = createBatchRunner({ rows: rowsOf(7), concurrency: 3, runRow: runs.runRow })
    runner.start()
    expect([...runs.open.keys()]).toEqual(['t0', 't1', 't2'])
    expect(runner.counts.value).toMatchObject({ running: 3, waiting: 4 })
    while (runs.open.size > 0) {
      const [topic, run] = [...runs.open.entries()][0]!
      run.finish(succeed(`done ${topic}`))
      await tick()
    }
    expect(runs.peak()).toBe(3)
    expect(runner.phase.value).toBe('done')
    expect(runner.counts.value).toMatchObject({ succeeded: 7, waiting: 0, running: 0 })
    expect(runner.states.map((state) => state.value.text)).toEqual(
      Array.from({ length: 7 }, (_, index) => `done t${index}`),
    )
  })

  it("shows a row's progress live, and a failure with the server's error", async () => {
    const runs = controlledRuns()
    const runner = createBatchRunner({ rows: rowsOf(2), concurrency: 2, runRow: runs.runRow })
    runner.start()
    runs.open.get('t0')!.run.onProgress('Hel')
    expect(runner.states[0]!.value).toEqual({ status: 'running', text: 'Hel' })
    const limited = { code: 'too_many_streams', status: 429, message: 'At most 3 answers' }
    runs.open.get('t1')!.finish(Object.assign(new Error('refused'), limited))
    runs.open.get('t0')!.finish({ status: 'failed', text: 'Hel', error: limited })
    await tick()
    expect(runner.states[1]!.value).toMatchObject({ status: 'failed', error: limited })
    expect(runner.states[0]!.value).toEqual({ status: 'failed', text: 'Hel', error: limited })
  })

  it('a run that breaks without an error of ours fails as a network error', async () => {
    const runner = createBatchRunner({
      rows: rowsOf(1),
      concurrency: 1,
      runRow: () => Promise.reject(new TypeError('Failed to fetch')),
    })
    runner.start()
    await tick()
    expect(runner.states[0]!.value.error?.code).toBe('network_error')
  })

  it('stop all aborts the running rows and leaves the waiting ones unrun', async () => {
    const runs = controlledRuns()
    const runner = createBatchRunner({ rows: rowsOf(5), concurrency: 2, runRow: runs.runRow })
    runner.start()
    runs.open.get('t0')!.run.onProgress('partial')
    runner.stopAll()
    expect(runner.phase.value).toBe('stopping')
    await tick()
    expect(runs.open.size).toBe(0)
    expect(runner.phase.value).toBe('done')
    expect(runner.states.map((state) => state.value.status)).toEqual(Array(5).fill('stopped'))
    expect(runner.states[0]!.value.text).toBe('partial')
    expect(runner.counts.value).toMatchObject({ stopped: 5, running: 0, waiting: 0 })
  })

  it('retry runs the failed and stopped rows again and keeps the results of the rest', async () => {
    const runs = controlledRuns()
    const runner = createBatchRunner({ rows: rowsOf(4), concurrency: 4, runRow: runs.runRow })
    runner.start()
    runs.open.get('t0')!.finish(succeed('kept'))
    runs.open
      .get('t1')!
      .finish({ status: 'failed', text: '', error: { code: 'x', status: 500, message: '' } })
    runs.open.get('t2')!.finish(succeed('kept too'))
    runs.open.get('t3')!.finish({ status: 'stopped', text: '' })
    await tick()
    runner.retry()
    expect([...runs.open.keys()]).toEqual(['t1', 't3'])
    expect(runner.counts.value).toMatchObject({ running: 2, succeeded: 2, failed: 0 })
    runs.open.get('t1')!.finish(succeed('second try'))
    runs.open.get('t3')!.finish(succeed('third'))
    await tick()
    expect(runner.states.map((state) => state.value.text)).toEqual([
      'kept',
      'second try',
      'kept too',
      'third',
    ])
    expect(runner.phase.value).toBe('done')
  })

  it('ignores start while running and retry while nothing failed', async () => {
    const runs = controlledRuns()
    const runner = createBatchRunner({ rows: rowsOf(1), concurrency: 1, runRow: runs.runRow })
    runner.start()
    runner.start()
    runner.retry()
    expect(runs.peak()).toBe(1)
    runs.open.get('t0')!.finish(succeed('ok'))
    await tick()
    runner.retry()
    expect(runner.phase.value).toBe('done')
  })
})
