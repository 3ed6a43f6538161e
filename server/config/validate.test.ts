import { describe, expect, it } from 'vitest'
import { validateConfig, type ValidateOptions } from './validate.ts'
import { DEFAULT_FRAME_ANCESTORS, DEFAULT_RATE_LIMIT } from './validate-security.ts'

const options: ValidateOptions = {
  source: 'chatskins.json',
  themeIds: ['minimal', 'kawaii', 'korean'],
}

const remote = { apiBase: 'https://dify.example.com/v1', apiKey: 'app-secret' }

/** One endpoint with `overrides` merged in, the rest valid. */
function configWith(overrides: Record<string, unknown>) {
  return { endpoints: [{ id: 'pink', theme: 'kawaii', dify: remote, ...overrides }] }
}

function errorOf(raw: unknown, opts: ValidateOptions = options): string {
  try {
    validateConfig(raw, opts)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the config to be rejected')
}

describe('validateConfig: valid configs', () => {
  it('reads a full endpoint as written', () => {
    const config = validateConfig(
      {
        endpoints: [
          {
            id: 'pink',
            theme: 'kawaii',
            botName: 'Candy',
            locale: 'ja',
            scheme: 'dark',
            dify: { apiBase: 'https://api.dify.ai/v1', apiKey: 'app-pink' },
          },
        ],
      },
      options,
    )
    expect(config).toEqual({
      source: 'chatskins.json',
      demo: false,
      gallery: true,
      endpoints: [
        {
          id: 'pink',
          theme: 'kawaii',
          botName: 'Candy',
          locale: 'ja',
          scheme: 'dark',
          dify: { kind: 'remote', apiBase: 'https://api.dify.ai/v1', apiKey: 'app-pink' },
          frameAncestors: DEFAULT_FRAME_ANCESTORS,
          embedOrigins: [],
          rateLimit: DEFAULT_RATE_LIMIT,
        },
      ],
    })
  })

  it('reads brand, listed and gallery; refuses a colour that is not one', () => {
    const config = validateConfig(
      {
        gallery: false,
        endpoints: [
          {
            id: 'shop',
            listed: false,
            brand: { accent: '#E11D48', logo: 'brand/logo.svg' },
            dify: { demo: true },
          },
        ],
      },
      options,
    )
    expect(config.gallery).toBe(false)
    expect(config.endpoints[0]).toMatchObject({
      listed: false,
      brand: { accent: '#e11d48', logo: 'brand/logo.svg' },
    })
    const withBrand = (brand: unknown) => () =>
      validateConfig({ endpoints: [{ id: 'a', dify: { demo: true }, brand }] }, options)
    expect(withBrand({ accent: 'red' })).toThrow(
      'chatskins.json: endpoints[0].brand.accent: must be a colour as #rrggbb or #rgb, not "red"',
    )
    expect(withBrand({ banner: 'x.png' })).toThrow('endpoints[0].brand.banner: unknown field')
    expect(withBrand({ logo: 7 })).toThrow('endpoints[0].brand.logo: must be a file path')
  })

  it('fills defaults: theme minimal, bot name Assistant, scheme auto, the theme locale, Dify Cloud', () => {
    const [endpoint] = validateConfig(
      { endpoints: [{ id: 'chat', dify: { apiKey: 'k' } }] },
      options,
    ).endpoints
    expect(endpoint).toEqual({
      id: 'chat',
      theme: 'minimal',
      botName: 'Assistant',
      locale: undefined,
      scheme: 'auto',
      dify: { kind: 'remote', apiBase: 'https://api.dify.ai/v1', apiKey: 'k' },
      frameAncestors: DEFAULT_FRAME_ANCESTORS,
      embedOrigins: [],
      rateLimit: DEFAULT_RATE_LIMIT,
    })
  })

  it('takes the default theme from the options when an endpoint names none', () => {
    const config = validateConfig(
      { endpoints: [{ id: 'chat', dify: remote }] },
      { ...options, defaultTheme: 'korean' },
    )
    expect(config.endpoints[0]?.theme).toBe('korean')
  })

  it('drops trailing slashes from apiBase so paths can be appended', () => {
    const config = validateConfig(
      configWith({ dify: { ...remote, apiBase: 'http://dify:5001/v1//' } }),
      options,
    )
    expect(config.endpoints[0]?.dify).toEqual({
      kind: 'remote',
      apiBase: 'http://dify:5001/v1',
      apiKey: 'app-secret',
    })
  })

  it('marks the config as demo only when every endpoint is the demo bot', () => {
    const demoOnly = validateConfig(
      {
        endpoints: [
          { id: 'a', dify: { demo: true } },
          { id: 'b', dify: { demo: true } },
        ],
      },
      options,
    )
    expect(demoOnly.demo).toBe(true)
    expect(demoOnly.endpoints.map((e) => e.dify)).toEqual([{ kind: 'demo' }, { kind: 'demo' }])

    const mixed = validateConfig(
      {
        endpoints: [
          { id: 'a', dify: { demo: true } },
          { id: 'b', dify: remote },
        ],
      },
      options,
    )
    expect(mixed.demo).toBe(false)
  })

  it('accepts every supported locale and scheme', () => {
    for (const locale of ['en', 'ko', 'ja', 'zh-Hans', 'zh-Hant']) {
      expect(validateConfig(configWith({ locale }), options).endpoints[0]?.locale).toBe(locale)
    }
    for (const scheme of ['auto', 'light', 'dark']) {
      expect(validateConfig(configWith({ scheme }), options).endpoints[0]?.scheme).toBe(scheme)
    }
  })
})

describe('validateConfig: every error names the file and the field', () => {
  it('rejects a config that is not an object', () => {
    expect(errorOf([])).toBe('chatskins.json: the config must be a JSON object')
    expect(errorOf(null)).toBe('chatskins.json: the config must be a JSON object')
  })

  it('rejects unknown top-level and endpoint fields', () => {
    expect(errorOf({ endpoints: [], port: 80 })).toBe('chatskins.json: port: unknown field')
    expect(errorOf(configWith({ apiKey: 'k' }))).toBe(
      'chatskins.json: endpoints[0].apiKey: unknown field',
    )
    expect(errorOf(configWith({ dify: { ...remote, user: 'x' } }))).toBe(
      'chatskins.json: endpoints[0].dify.user: unknown field',
    )
  })

  it('rejects a missing or empty endpoint list', () => {
    expect(errorOf({})).toBe('chatskins.json: endpoints: must be a non-empty array of endpoints')
    expect(errorOf({ endpoints: [] })).toMatch(/^chatskins\.json: endpoints: /)
  })

  it('rejects an endpoint that is not an object', () => {
    expect(errorOf({ endpoints: ['pink'] })).toBe('chatskins.json: endpoints[0]: must be an object')
  })

  it('names the available themes for an unknown one', () => {
    const config = {
      endpoints: [
        { id: 'a', dify: remote },
        { id: 'b', theme: 'neon', dify: remote },
      ],
    }
    expect(errorOf(config)).toBe(
      'chatskins.json: endpoints[1].theme: unknown theme "neon" (available: minimal, kawaii, korean)',
    )
  })

  it('rejects a duplicate id at the second occurrence', () => {
    const config = {
      endpoints: [
        { id: 'a', dify: remote },
        { id: 'b', dify: remote },
        { id: 'a', dify: remote },
      ],
    }
    expect(errorOf(config)).toBe('chatskins.json: endpoints[2].id: duplicate id "a"')
  })

  it.each([['Pink'], [''], ['-pink'], ['a b'], ['pink/x'], ['a'.repeat(65)], [42]])(
    'rejects the endpoint id %j',
    (id) => {
      expect(errorOf(configWith({ id }))).toMatch(/^chatskins\.json: endpoints\[0\]\.id: must be/)
    },
  )

  it('accepts ids of 1 and 64 characters', () => {
    expect(validateConfig(configWith({ id: '7' }), options).endpoints[0]?.id).toBe('7')
    expect(validateConfig(configWith({ id: 'a'.repeat(64) }), options).endpoints).toHaveLength(1)
  })

  it.each([['assets'], ['themes'], ['healthz'], ['api']])(
    'rejects the reserved id %s, which the server serves itself',
    (id) => {
      expect(errorOf(configWith({ id }))).toBe(
        `chatskins.json: endpoints[0].id: "${id}" is reserved by the server`,
      )
    },
  )

  // The app serves files at /static/* (and, in the working tree, /fonts/*) before any endpoint
  // route, so an endpoint with such an id loads fine but its page answers 404 "No such file.".
  it.each([['static'], ['fonts']])(
    'rejects the id %s, whose page the server would shadow with its own files',
    (id) => {
      expect(errorOf(configWith({ id }))).toBe(
        `chatskins.json: endpoints[0].id: "${id}" is reserved by the server`,
      )
    },
  )

  it('rejects a missing, blank or over-long bot name', () => {
    for (const botName of ['', '   ', 'x'.repeat(101), 7]) {
      expect(errorOf(configWith({ botName }))).toBe(
        'chatskins.json: endpoints[0].botName: must be a non-empty string of at most 100 characters',
      )
    }
  })

  it('rejects a locale or scheme outside the supported lists, listing them', () => {
    expect(errorOf(configWith({ locale: 'fr' }))).toBe(
      'chatskins.json: endpoints[0].locale: must be one of en, ko, ja, zh-Hans, zh-Hant',
    )
    expect(errorOf(configWith({ locale: 'zh-hans' }))).toMatch(/endpoints\[0\]\.locale/)
    expect(errorOf(configWith({ scheme: 'night' }))).toBe(
      'chatskins.json: endpoints[0].scheme: must be one of auto, light, dark',
    )
  })

  it('accepts an upstream idle timeout in range and rejects one outside it', () => {
    const config = validateConfig(configWith({ upstreamIdleTimeoutMs: 1500 }), options)
    expect(config.endpoints[0]?.upstreamIdleTimeoutMs).toBe(1500)
    expect(validateConfig(configWith({}), options).endpoints[0]).not.toHaveProperty(
      'upstreamIdleTimeoutMs',
    )
    for (const upstreamIdleTimeoutMs of [999, 600_001, 1500.5, '1500', null]) {
      expect(errorOf(configWith({ upstreamIdleTimeoutMs }))).toBe(
        'chatskins.json: endpoints[0].upstreamIdleTimeoutMs: must be a whole number of milliseconds from 1000 to 600000',
      )
    }
  })

  it('rejects a missing dify block and a missing or blank apiKey', () => {
    expect(errorOf(configWith({ dify: undefined }))).toMatch(
      /^chatskins\.json: endpoints\[0\]\.dify: must be an object/,
    )
    expect(errorOf(configWith({ dify: { apiBase: remote.apiBase } }))).toBe(
      'chatskins.json: endpoints[0].dify.apiKey: is missing',
    )
    expect(errorOf(configWith({ dify: { apiKey: '  ' } }))).toBe(
      'chatskins.json: endpoints[0].dify.apiKey: is missing',
    )
  })

  it('rejects a demo block that also carries a key', () => {
    expect(errorOf(configWith({ dify: { demo: true, apiKey: 'k' } }))).toBe(
      'chatskins.json: endpoints[0].dify: {"demo": true} takes no other fields',
    )
  })

  it('rejects bad apiBase URLs with the reason', () => {
    const apiBaseError = (apiBase: unknown) =>
      errorOf(configWith({ dify: { apiKey: 'k', apiBase } }))
    expect(apiBaseError('dify.example.com/v1')).toBe(
      'chatskins.json: endpoints[0].dify.apiBase: is not a valid URL: "dify.example.com/v1"',
    )
    expect(apiBaseError('ftp://dify.example.com/v1')).toBe(
      'chatskins.json: endpoints[0].dify.apiBase: must be an http:// or https:// URL',
    )
    expect(apiBaseError('https://dify.example.com/v1?x=1')).toBe(
      'chatskins.json: endpoints[0].dify.apiBase: must not carry a query or fragment',
    )
    expect(apiBaseError(5001)).toBe(
      'chatskins.json: endpoints[0].dify.apiBase: must be a URL string',
    )
  })

  it('lets describeField rename fields in messages', () => {
    const message = errorOf(configWith({ theme: 'neon' }), {
      ...options,
      source: 'environment',
      describeField: (path) => (path === 'endpoints[0].theme' ? 'THEME' : path),
    })
    expect(message).toBe(
      'environment: THEME: unknown theme "neon" (available: minimal, kawaii, korean)',
    )
  })
})
