import { describe, expect, it } from 'vitest'
import { validateConfig } from './validate.ts'

const endpointWith = (overrides: Record<string, unknown>) =>
  validateConfig(
    { endpoints: [{ id: 'gen', dify: { demo: true }, ...overrides }] },
    { source: 'chatskins.json', themeIds: ['minimal'] },
  ).endpoints[0]!

describe('batchConcurrency', () => {
  it('is left to the default unless set, and kept when it is', () => {
    expect(endpointWith({})).not.toHaveProperty('batchConcurrency')
    expect(endpointWith({ batchConcurrency: 2 }).batchConcurrency).toBe(2)
    expect(
      endpointWith({ batchConcurrency: 8, rateLimit: { streamsPerVisitor: 8 } }).batchConcurrency,
    ).toBe(8)
  })

  it.each([
    [0, 'must be a whole number from 1 to 10'],
    [11, 'must be a whole number from 1 to 10'],
    [1.5, 'must be a whole number from 1 to 10'],
    ['3', 'must be a whole number from 1 to 10'],
    [4, 'must not exceed rateLimit.streamsPerVisitor (3)'],
  ])('stops the server on %j, naming the file and field', (value, problem) => {
    expect(() => endpointWith({ batchConcurrency: value })).toThrow(
      `chatskins.json: endpoints[0].batchConcurrency: ${problem}`,
    )
  })
})
