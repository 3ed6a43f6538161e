/**
 * Sleeps that can be cut short: each `sleep(ms)` resolves after `ms`, or at the next `wakeAll()`
 * if that comes first (a slot freed, a stream closed).
 */
export function createWakeableSleep() {
  const wakers = new Set<() => void>()
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer)
          wakers.delete(wake)
          resolve()
        }
        const timer = setTimeout(wake, ms)
        wakers.add(wake)
      }),
    wakeAll: () => {
      for (const wake of [...wakers]) wake()
    },
  }
}
