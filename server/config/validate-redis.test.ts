import { describe, expect, it } from 'vitest'
import { configFromEnvironment } from './from-environment.ts'
import { validateConfig } from './validate.ts'

const endpoints = [{ id: 'chat', dify: { demo: true } }]
const validate = (redis: unknown) =>
  validateConfig({ endpoints, redis }, { source: 'chatskins.json', themeIds: ['minimal'] })

describe('the redis config', () => {
  it('takes a redis:// or rediss:// URL, and is absent without one', () => {
    expect(validate({ url: 'redis://:pw@cache:6379/2' }).redis).toEqual({
      url: 'redis://:pw@cache:6379/2',
    })
    expect(validate({ url: 'rediss://cache:6380' }).redis?.url).toBe('rediss://cache:6380')
    expect(
      validateConfig({ endpoints }, { source: 'x', themeIds: ['minimal'] }).redis,
    ).toBeUndefined()
  })

  it('names the field and never repeats a URL that may hold a password', () => {
    expect(() => validate({ url: 'http://:hunter2@cache:6379' })).toThrow(
      /chatskins\.json: redis\.url: must be a redis:\/\/ or rediss:\/\/ URL/,
    )
    expect(() => validate({ url: 'http://:hunter2@cache:6379' })).not.toThrow(/hunter2/)
    expect(() => validate({ url: 'not a url :hunter2' })).not.toThrow(/hunter2/)
    expect(() => validate({ url: '' })).toThrow(/redis\.url: is missing/)
    expect(() => validate('redis://cache')).toThrow(/redis: must be an object/)
    expect(() => validate({ url: 'redis://cache', db: 1 })).toThrow(/redis\.db: unknown field/)
  })

  it('comes from REDIS_URL in the environment quick start, named so in errors', () => {
    expect(
      configFromEnvironment({ REDIS_URL: 'redis://127.0.0.1:6379' }, ['minimal']).redis,
    ).toEqual({ url: 'redis://127.0.0.1:6379' })
    expect(configFromEnvironment({ REDIS_URL: '' }, ['minimal']).redis).toBeUndefined()
    expect(() => configFromEnvironment({ REDIS_URL: 'localhost:6379' }, ['minimal'])).toThrow(
      /REDIS_URL/,
    )
  })
})
