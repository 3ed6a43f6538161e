import { describe, expect, it } from 'vitest'
import { validateConfig, type ValidateOptions } from './validate.ts'

const options: ValidateOptions = { source: 'chatskins.json', themeIds: ['minimal'] }

function endpointWith(overrides: Record<string, unknown>) {
  return validateConfig(
    { endpoints: [{ id: 'pink', dify: { demo: true }, ...overrides }] },
    options,
  ).endpoints[0]!
}

function errorOf(overrides: Record<string, unknown>): string {
  try {
    endpointWith(overrides)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the config to be rejected')
}

describe('frameAncestors', () => {
  it("defaults to 'self', so embedding elsewhere is opt-in", () => {
    expect(endpointWith({}).frameAncestors).toEqual(["'self'"])
  })

  it('takes keywords and http(s) origins, lower-cased, without a trailing slash, deduplicated', () => {
    expect(
      endpointWith({
        frameAncestors: [
          "'self'",
          'https://Shop.Example.com/',
          'http://localhost:3000',
          'https://*.example.org',
          'https://shop.example.com',
        ],
      }).frameAncestors,
    ).toEqual([
      "'self'",
      'https://shop.example.com',
      'http://localhost:3000',
      'https://*.example.org',
    ])
    expect(endpointWith({ frameAncestors: ["'none'"] }).frameAncestors).toEqual(["'none'"])
  })

  it.each([
    ['*'],
    ['https:'],
    ['https://*'],
    ['https://*.com'],
    ['*.example.com'],
    ['self'],
    ["'unsafe-inline'"],
    ['ftp://example.com'],
    ['javascript:alert(1)'],
    ['https://example.com/path'],
    ['https://example.com?x=1'],
    ['https://user@example.com'],
    ["https://example.com; script-src 'unsafe-inline'"],
    ['https://example.com https://evil.example'],
    ['https://exa mple.com'],
    ['https://example.com:99999999'],
    [''],
  ])('refuses %j, naming the field', (source) => {
    expect(errorOf({ frameAncestors: [source] })).toMatch(
      /chatskins\.json: endpoints\[0\]\.frameAncestors\[0\]: .*is not "'self'", "'none'" or an http\(s\) origin/,
    )
  })

  it("refuses an empty list, a non-list, a non-string and 'none' mixed with others", () => {
    expect(errorOf({ frameAncestors: [] })).toMatch(/frameAncestors: must be a non-empty array/)
    expect(errorOf({ frameAncestors: "'self'" })).toMatch(/frameAncestors: must be a non-empty/)
    expect(errorOf({ frameAncestors: [1] })).toMatch(/frameAncestors\[0\]: must be a string/)
    expect(errorOf({ frameAncestors: ["'none'", "'self'"] })).toMatch(
      /frameAncestors: "'none'" can't be combined/,
    )
  })
})

describe('rateLimit', () => {
  it('has defaults, and a partial object keeps the other defaults', () => {
    expect(endpointWith({}).rateLimit).toEqual({
      perVisitorPerMinute: 20,
      perIpPerMinute: 300,
      streamsPerVisitor: 3,
      streamsPerIp: 20,
      uploadsPerIp: 4,
    })
    expect(endpointWith({ rateLimit: { perVisitorPerMinute: 5 } }).rateLimit).toEqual({
      perVisitorPerMinute: 5,
      perIpPerMinute: 300,
      streamsPerVisitor: 3,
      streamsPerIp: 20,
      uploadsPerIp: 4,
    })
  })

  it.each([
    [{ perVisitorPerMinute: 0 }, 'rateLimit.perVisitorPerMinute: must be a whole number from 1'],
    [{ perIpPerMinute: 1.5 }, 'rateLimit.perIpPerMinute: must be a whole number from 1'],
    [{ streamsPerVisitor: '3' }, 'rateLimit.streamsPerVisitor: must be a whole number from 1'],
    [{ uploadsPerIp: 0 }, 'rateLimit.uploadsPerIp: must be a whole number from 1 to 1000'],
    [
      { streamsPerVisitor: 101 },
      'rateLimit.streamsPerVisitor: must be a whole number from 1 to 100',
    ],
    [{ perMinute: 3 }, 'rateLimit.perMinute: unknown field'],
  ])('refuses %j', (rateLimit, message) => {
    expect(errorOf({ rateLimit })).toContain(`endpoints[0].${message}`)
  })

  it('refuses a non-object', () => {
    expect(errorOf({ rateLimit: 20 })).toMatch(/endpoints\[0\]\.rateLimit: must be an object/)
    expect(errorOf({ rateLimit: null })).toMatch(/endpoints\[0\]\.rateLimit: must be an object/)
  })
})

describe('embedOrigins and embedSecret', () => {
  it('defaults to no embed origins and no secret', () => {
    const endpoint = endpointWith({})
    expect(endpoint.embedOrigins).toEqual([])
    expect(endpoint.embedSecret).toBeUndefined()
  })

  it('takes origins like frameAncestors does, normalised and deduplicated', () => {
    expect(
      endpointWith({
        embedOrigins: ['https://Shop.example/', 'https://*.docs.example', 'https://shop.example'],
      }).embedOrigins,
    ).toEqual(['https://shop.example', 'https://*.docs.example'])
  })

  it.each([
    [["'self'"], 'embedOrigins[0]: "\'self\'" is not an http(s) origin'],
    [['*'], 'embedOrigins[0]: "*" is not an http(s) origin'],
    [['https:'], 'embedOrigins[0]: "https:" is not an http(s) origin'],
    [['https://a.example; script-src *'], 'embedOrigins[0]'],
    [['https://*.example'], 'embedOrigins[0]'],
    [['https://shop.example/path'], 'embedOrigins[0]'],
    [[42], 'embedOrigins[0]'],
    ['https://shop.example', 'embedOrigins: must be an array'],
  ])('refuses %j', (embedOrigins, message) => {
    expect(errorOf({ embedOrigins })).toContain(`endpoints[0].${message}`)
  })

  it('wants an embedSecret of at least 32 characters', () => {
    expect(endpointWith({ embedSecret: 'x'.repeat(32) }).embedSecret).toBe('x'.repeat(32))
    expect(errorOf({ embedSecret: 'short' })).toContain(
      'endpoints[0].embedSecret: must be a string of at least 32 characters',
    )
  })
})
