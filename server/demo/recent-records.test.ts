import { describe, expect, it } from 'vitest'
import { createFakeDify } from './fake-dify.ts'
import { FAKE_RECORD_BOUNDS, keepRecent } from './recent-records.ts'

function post(dify: ReturnType<typeof createFakeDify>, path: string, json: unknown) {
  return dify.fetch(
    new Request(`http://dify.test/v1${path}`, {
      method: 'POST',
      headers: { Authorization: 'Bearer app-demo', 'Content-Type': 'application/json' },
      body: JSON.stringify(json),
    }),
  )
}

describe('the records the demo bot keeps of its calls', () => {
  it('keeps the latest, oldest out', () => {
    const records: number[] = []
    for (let i = 0; i < 7; i++) keepRecent(records, i, 3)
    expect(records).toEqual([4, 5, 6])
  })

  it('holds no more stops than its bound, however many arrive', async () => {
    const dify = createFakeDify()
    const extra = 5
    for (let i = 0; i < FAKE_RECORD_BOUNDS.stops + extra; i++) {
      const stopped = await post(dify, `/chat-messages/task-${i}/stop`, { user: 'flooder' })
      expect(stopped.status).toBe(200)
    }
    expect(dify.stops).toHaveLength(FAKE_RECORD_BOUNDS.stops)
    expect(dify.stops[0]).toEqual({ taskId: `task-${extra}`, user: 'flooder' })
    expect(dify.stops.at(-1)?.taskId).toBe(`task-${FAKE_RECORD_BOUNDS.stops + extra - 1}`)
  })

  it('holds no more speech requests than its bound, however many arrive', async () => {
    const dify = createFakeDify()
    const extra = 5
    const text = 'x'.repeat(10_000)
    for (let i = 0; i < FAKE_RECORD_BOUNDS.speechRequests + extra; i++) {
      await post(dify, '/text-to-audio', { text, user: `flooder-${i}` })
    }
    expect(dify.speechRequests).toHaveLength(FAKE_RECORD_BOUNDS.speechRequests)
    expect(dify.speechRequests[0]?.user).toBe(`flooder-${extra}`)
  })
})
