import { describe, expect, it } from 'vitest'
import { createStreamSlots } from './stream-slots.ts'

describe('createStreamSlots', () => {
  it('gives a key up to max slots, and one more once a slot is released', () => {
    const slots = createStreamSlots()
    const releases = [slots.open('ann', 2), slots.open('ann', 2)]
    expect(releases.every(Boolean)).toBe(true)
    expect(slots.open('ann', 2)).toBeNull()
    expect(slots.open('bob', 2)).not.toBeNull()
    releases[0]!()
    expect(slots.count('ann')).toBe(1)
    expect(slots.open('ann', 2)).not.toBeNull()
  })

  it('counts a release called twice once', () => {
    const slots = createStreamSlots()
    const first = slots.open('ann', 2)!
    slots.open('ann', 2)
    first()
    first()
    expect(slots.count('ann')).toBe(1)
  })

  it('forgets a key with no slots open', () => {
    const slots = createStreamSlots()
    slots.open('ann', 1)!()
    expect(slots.count('ann')).toBe(0)
  })
})
