import { describe, expect, it } from 'vitest'
import { configFromEnvironment } from './from-environment.ts'
import { validateConfig } from './validate.ts'

const KEY = 'sk-0123456789abcdef'

function endpointWith(openai: unknown) {
  return validateConfig(
    { endpoints: [{ id: 'pink', dify: { demo: true }, openai }] },
    { source: 'chatskins.json', themeIds: ['minimal'] },
  ).endpoints[0]!
}

function errorOf(openai: unknown): string {
  try {
    endpointWith(openai)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the config to be rejected')
}

describe('openai', () => {
  it('is off without the field, and defaults the model to the endpoint id', () => {
    expect(
      validateConfig(
        { endpoints: [{ id: 'pink', dify: { demo: true } }] },
        { source: 'x', themeIds: ['minimal'] },
      ).endpoints[0]!.openai,
    ).toBeUndefined()
    expect(endpointWith({ keys: [KEY] }).openai).toEqual({
      keys: [KEY],
      model: 'pink',
      perKeyPerMinute: 60,
      streamsPerKey: 10,
    })
  })

  it('takes a model name, the system and query inputs and limits', () => {
    expect(
      endpointWith({
        keys: [KEY],
        model: 'acme/support-bot:v2',
        systemInput: 'persona',
        queryInput: 'brief',
        perKeyPerMinute: 5,
        streamsPerKey: 2,
      }).openai,
    ).toEqual({
      keys: [KEY],
      model: 'acme/support-bot:v2',
      systemInput: 'persona',
      queryInput: 'brief',
      perKeyPerMinute: 5,
      streamsPerKey: 2,
    })
  })

  it('names the file and the field of every mistake', () => {
    expect(errorOf({ keys: [KEY], extra: 1 })).toBe(
      'chatskins.json: endpoints[0].openai.extra: unknown field',
    )
    expect(errorOf({ keys: [] })).toMatch(/^chatskins\.json: endpoints\[0\]\.openai\.keys: must be/)
    expect(errorOf({ keys: [KEY, 'short'] })).toMatch(
      /^chatskins\.json: endpoints\[0\]\.openai\.keys\[1\]: must be a string of at least 16/,
    )
    expect(errorOf({ keys: [KEY, KEY] })).toMatch(/openai\.keys\[1\]: is listed twice/)
    expect(errorOf({ keys: [KEY], model: 'has space' })).toMatch(/openai\.model: must be/)
    expect(errorOf({ keys: [KEY], systemInput: 'a-b' })).toMatch(/openai\.systemInput: must be/)
    expect(errorOf({ keys: [KEY], queryInput: 7 })).toMatch(/openai\.queryInput: must be the name/)
    expect(errorOf({ keys: [KEY], perKeyPerMinute: 0 })).toMatch(/openai\.perKeyPerMinute: must/)
    expect(errorOf(['keys'])).toMatch(/endpoints\[0\]\.openai: must be an object/)
  })
})

describe('OPENAI_KEYS', () => {
  const env = { DIFY_API_KEY: 'app-x' }
  it('turns on the OpenAI API of the quick-start endpoint, one key per comma', () => {
    const config = configFromEnvironment({ ...env, OPENAI_KEYS: `${KEY}, ${KEY}x` }, ['minimal'])
    expect(config.endpoints[0]!.openai?.keys).toEqual([KEY, `${KEY}x`])
    expect(config.endpoints[0]!.openai?.model).toBe('chat')
    expect(configFromEnvironment(env, ['minimal']).endpoints[0]!.openai).toBeUndefined()
  })

  it('names OPENAI_KEYS when a key is too short', () => {
    expect(() => configFromEnvironment({ ...env, OPENAI_KEYS: `${KEY},abc` }, ['minimal'])).toThrow(
      /^environment: OPENAI_KEYS: must be a string of at least 16/,
    )
  })
})
