import { describe, expect, it } from 'vitest'
import { validateConfig } from './validate.ts'

const endpoints = [{ id: 'chat', dify: { demo: true } }]
const validate = (limits: unknown) =>
  validateConfig({ endpoints, limits }, { source: 'c.json', themeIds: ['minimal'] })

describe('limits', () => {
  it('is absent unless given, and takes uploadsAtOnce', () => {
    expect(validate(undefined).limits).toBeUndefined()
    expect(validate({}).limits).toEqual({ uploadsAtOnce: 32 })
    expect(validate({ uploadsAtOnce: 5 }).limits).toEqual({ uploadsAtOnce: 5 })
  })

  it.each([
    [[], 'c.json: limits: must be an object'],
    [{ uploadsAtOnce: 0 }, 'c.json: limits.uploadsAtOnce: must be a whole number from 1 to 10000'],
    [{ uploadsAtOnce: 2.5 }, 'limits.uploadsAtOnce: must be a whole number'],
    [{ uploads: 5 }, 'c.json: limits.uploads: unknown field'],
  ])('refuses %j, naming the field', (limits, message) => {
    expect(() => validate(limits)).toThrow(message)
  })
})
