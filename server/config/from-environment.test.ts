import { describe, expect, it } from 'vitest'
import { configFromEnvironment } from './from-environment.ts'
import { DEFAULT_FRAME_ANCESTORS, DEFAULT_RATE_LIMIT } from './validate-security.ts'

const THEMES = ['minimal', 'kawaii', 'korean', 'western']

describe('configFromEnvironment: demo (no DIFY_API_KEY)', () => {
  it('serves one demo chat per theme, then a text generator and a workflow in other themes', () => {
    const config = configFromEnvironment({}, THEMES)
    expect(config.demo).toBe(true)
    expect(config.source).toBe('environment')
    expect(config.endpoints.map((e) => [e.id, e.theme, e.dify.kind, e.app])).toEqual([
      ['minimal', 'minimal', 'demo', undefined],
      ['kawaii', 'kawaii', 'demo', undefined],
      ['korean', 'korean', 'demo', undefined],
      ['western', 'western', 'demo', undefined],
      ['demo-writer', 'kawaii', 'demo', 'completion'],
      ['demo-workflow', 'korean', 'demo', 'workflow'],
    ])
    expect(config.endpoints.slice(0, 4).every((e) => e.botName === 'Chatskins Demo')).toBe(true)
    expect(config.endpoints.every((e) => e.locale === undefined && e.scheme === 'auto')).toBe(true)
  })

  it('puts the generators in the first theme when there is only one', () => {
    const config = configFromEnvironment({}, ['minimal'])
    expect(config.endpoints.map((e) => [e.id, e.theme])).toEqual([
      ['minimal', 'minimal'],
      ['demo-writer', 'minimal'],
      ['demo-workflow', 'minimal'],
    ])
  })

  it('applies BOT_NAME and LOCALE to every demo endpoint', () => {
    const config = configFromEnvironment({ BOT_NAME: 'Mochi', LOCALE: 'ko' }, THEMES)
    expect(config.endpoints.map((e) => [e.botName, e.locale])).toEqual(
      config.endpoints.map(() => ['Mochi', 'ko']),
    )
    expect(config.endpoints).toHaveLength(THEMES.length + 2)
  })

  it('treats an empty DIFY_API_KEY as no key', () => {
    expect(configFromEnvironment({ DIFY_API_KEY: '' }, THEMES).demo).toBe(true)
  })

  it('names LOCALE, not a config path, when it is wrong', () => {
    expect(() => configFromEnvironment({ LOCALE: 'fr' }, THEMES)).toThrow(
      'environment: LOCALE: must be one of en, ko, ja, zh-Hans, zh-Hant',
    )
  })
})

describe('configFromEnvironment: DIFY_API_KEY set', () => {
  it('serves one endpoint "chat" on Dify Cloud with the minimal theme', () => {
    const config = configFromEnvironment({ DIFY_API_KEY: 'app-abc' }, THEMES)
    expect(config).toEqual({
      source: 'environment',
      demo: false,
      gallery: true,
      endpoints: [
        {
          id: 'chat',
          theme: 'minimal',
          botName: 'Assistant',
          locale: undefined,
          scheme: 'auto',
          dify: { kind: 'remote', apiBase: 'https://api.dify.ai/v1', apiKey: 'app-abc' },
          frameAncestors: DEFAULT_FRAME_ANCESTORS,
          embedOrigins: [],
          rateLimit: DEFAULT_RATE_LIMIT,
        },
      ],
    })
  })

  it('takes DIFY_API_BASE, BOT_NAME, THEME and LOCALE', () => {
    const config = configFromEnvironment(
      {
        DIFY_API_KEY: 'app-abc',
        DIFY_API_BASE: 'http://localhost:5001/v1/',
        BOT_NAME: '도우미',
        THEME: 'korean',
        LOCALE: 'ko',
      },
      THEMES,
    )
    expect(config.endpoints[0]).toMatchObject({
      id: 'chat',
      theme: 'korean',
      botName: '도우미',
      locale: 'ko',
      dify: { kind: 'remote', apiBase: 'http://localhost:5001/v1', apiKey: 'app-abc' },
    })
  })

  it('names THEME and the available themes when the theme is unknown', () => {
    expect(() => configFromEnvironment({ DIFY_API_KEY: 'k', THEME: 'neon' }, THEMES)).toThrow(
      'environment: THEME: unknown theme "neon" (available: minimal, kawaii, korean, western)',
    )
  })

  it('names DIFY_API_BASE when it is not a URL', () => {
    expect(() =>
      configFromEnvironment({ DIFY_API_KEY: 'k', DIFY_API_BASE: 'localhost:5001' }, THEMES),
    ).toThrow(/^environment: DIFY_API_BASE: /)
  })

  it('names DIFY_API_KEY when it is only whitespace', () => {
    expect(() => configFromEnvironment({ DIFY_API_KEY: '   ' }, THEMES)).toThrow(
      'environment: DIFY_API_KEY: is missing',
    )
  })

  it('names BOT_NAME when it is too long', () => {
    expect(() =>
      configFromEnvironment({ DIFY_API_KEY: 'k', BOT_NAME: 'x'.repeat(101) }, THEMES),
    ).toThrow(/^environment: BOT_NAME: /)
  })
})
