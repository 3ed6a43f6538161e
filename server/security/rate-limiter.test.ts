import { describe, expect, it } from 'vitest'
import { createRateLimiter } from './rate-limiter.ts'

function clock() {
  let now = 1_000_000
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('createRateLimiter', () => {
  it('lets a burst of perMinute through, then refuses with the seconds until the next', () => {
    const time = clock()
    const limiter = createRateLimiter({ now: time.now })
    for (let i = 0; i < 6; i++) expect(limiter.take('ann', 6)).toBe(0)
    // 6 a minute refill one every 10 s.
    expect(limiter.take('ann', 6)).toBe(10)
    time.advance(4_000)
    expect(limiter.take('ann', 6)).toBe(6)
  })

  it('refills evenly: one request per 60/perMinute seconds after the burst', () => {
    const time = clock()
    const limiter = createRateLimiter({ now: time.now })
    for (let i = 0; i < 3; i++) limiter.take('ann', 3)
    time.advance(19_999)
    expect(limiter.take('ann', 3)).toBe(1)
    time.advance(1)
    expect(limiter.take('ann', 3)).toBe(0)
    expect(limiter.take('ann', 3)).toBeGreaterThan(0)
  })

  it('never banks more than one minute of budget, however long a key was idle', () => {
    const time = clock()
    const limiter = createRateLimiter({ now: time.now })
    limiter.take('ann', 2)
    time.advance(60 * 60_000)
    expect(limiter.take('ann', 2)).toBe(0)
    expect(limiter.take('ann', 2)).toBe(0)
    expect(limiter.take('ann', 2)).toBeGreaterThan(0)
  })

  it('keeps keys apart', () => {
    const limiter = createRateLimiter({ now: clock().now })
    expect(limiter.take('ann', 1)).toBe(0)
    expect(limiter.take('ann', 1)).toBeGreaterThan(0)
    expect(limiter.take('bob', 1)).toBe(0)
  })

  it('refused requests cost nothing: waiting out Retry-After is enough', () => {
    const time = clock()
    const limiter = createRateLimiter({ now: time.now })
    limiter.take('ann', 1)
    for (let i = 0; i < 100; i++) limiter.take('ann', 1)
    const wait = limiter.take('ann', 1)
    time.advance(wait * 1000)
    expect(limiter.take('ann', 1)).toBe(0)
  })

  it('holds at most maxKeys, forgetting the least recently used first', () => {
    const limiter = createRateLimiter({ now: clock().now, maxKeys: 100 })
    limiter.take('ann', 1)
    for (let i = 0; i < 99; i++) limiter.take(`visitor-${i}`, 1)
    // ann is the oldest; touching her makes visitor-0 the oldest instead.
    expect(limiter.take('ann', 1)).toBeGreaterThan(0)
    for (let i = 0; i < 10_000; i++) limiter.take(`flood-${i}`, 1)
    expect(limiter.size()).toBeLessThanOrEqual(100)
    // Forgotten keys start over with a full budget: never stricter than the limit.
    expect(limiter.take('ann', 1)).toBe(0)
  })

  it('keeps the most recent keys through a flood', () => {
    const limiter = createRateLimiter({ now: clock().now, maxKeys: 10 })
    let largest = 0
    for (let i = 0; i < 1000; i++) {
      limiter.take(`flood-${i}`, 1)
      largest = Math.max(largest, limiter.size())
    }
    expect(largest).toBe(10)
    // The last half of maxKeys is always kept.
    for (let i = 995; i < 1000; i++) expect(limiter.take(`flood-${i}`, 1)).toBeGreaterThan(0)
  })
})
