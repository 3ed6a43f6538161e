import { describe, expect, it } from 'vitest'
import { ConfigError } from './config-error.ts'
import { validateConfig } from './validate.ts'

const endpoint = (extra: Record<string, unknown>) =>
  validateConfig(
    { endpoints: [{ id: 'chat', dify: { demo: true }, ...extra }] },
    { source: 'test', themeIds: ['minimal'] },
  ).endpoints[0]!

describe('stream limits in the config', () => {
  it('takes streamsPerIp in rateLimit, 20 by default', () => {
    expect(endpoint({}).rateLimit.streamsPerIp).toBe(20)
    expect(endpoint({ rateLimit: { streamsPerIp: 5 } }).rateLimit.streamsPerIp).toBe(5)
    for (const bad of [0, 1.5, '5', 10_001]) {
      expect(() => endpoint({ rateLimit: { streamsPerIp: bad } })).toThrow(
        /rateLimit\.streamsPerIp/,
      )
    }
  })

  it('takes browserDrainTimeoutMs and maxAnswerMs per endpoint, within bounds', () => {
    expect(endpoint({ browserDrainTimeoutMs: 5000, maxAnswerMs: 120_000 })).toMatchObject({
      browserDrainTimeoutMs: 5000,
      maxAnswerMs: 120_000,
    })
    expect(endpoint({})).not.toHaveProperty('browserDrainTimeoutMs')
    for (const [field, bad] of [
      ['browserDrainTimeoutMs', 999],
      ['browserDrainTimeoutMs', 600_001],
      ['maxAnswerMs', 3_600_001],
      ['maxAnswerMs', '60000'],
    ] as const) {
      expect(() => endpoint({ [field]: bad })).toThrow(ConfigError)
      expect(() => endpoint({ [field]: bad })).toThrow(field)
    }
  })
})
