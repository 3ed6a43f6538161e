import { describe, expect, it } from 'vitest'
import { createWakeableSleep } from './wakeable-sleep.ts'

describe('createWakeableSleep', () => {
  it('resolves after its time when nothing wakes it', async () => {
    const { sleep } = createWakeableSleep()
    const started = performance.now()
    await sleep(30)
    expect(performance.now() - started).toBeGreaterThanOrEqual(25)
  })

  it('wakes every sleeper at once, long before its time', async () => {
    const { sleep, wakeAll } = createWakeableSleep()
    const started = performance.now()
    const sleepers = Promise.all([sleep(10_000), sleep(20_000)])
    wakeAll()
    await sleepers
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('does not wake a sleep that starts after the wake', async () => {
    const { sleep, wakeAll } = createWakeableSleep()
    wakeAll()
    const late = await Promise.race([sleep(10_000).then(() => 'woken'), tick(50)])
    expect(late).toBe('still asleep')
  })
})

const tick = (ms: number) =>
  new Promise<string>((resolve) => setTimeout(() => resolve('still asleep'), ms))
