import { describe, expect, it } from 'vitest'
import { validateConfig } from '../config/validate.ts'
import { configSnippet } from './config-snippet.ts'

const endpointOf = (raw: Record<string, unknown>) =>
  validateConfig({ endpoints: [raw] }, { source: 'test', themeIds: ['minimal', 'kawaii'] })
    .endpoints[0]!

describe('configSnippet', () => {
  it('gives the look and a Dify block with no secret, valid as an endpoint of a config', () => {
    const endpoint = endpointOf({
      id: '2nd-shop',
      theme: 'kawaii',
      botName: 'Mochi "2"',
      locale: 'ja',
      scheme: 'dark',
      brand: { accent: '#E11D48' },
      dify: { apiBase: 'http://dify.internal:5001/v1', apiKey: 'app-real-secret' },
      embedOrigins: ['https://shop.example'],
      embedSecret: 'embed-secret-at-least-32-characters-long',
      openai: { keys: ['sk-operator-key-0123456789'] },
      rateLimit: { perVisitorPerMinute: 5 },
    })
    const text = configSnippet(endpoint)
    for (const secret of ['app-real-secret', 'dify.internal', 'embed-secret', 'sk-operator']) {
      expect(text).not.toContain(secret)
    }
    const snippet = JSON.parse(text)
    expect(snippet).toEqual({
      id: '2nd-shop',
      theme: 'kawaii',
      botName: 'Mochi "2"',
      locale: 'ja',
      scheme: 'dark',
      brand: { accent: '#e11d48' },
      dify: { apiBase: 'https://api.dify.ai/v1', apiKey: '${_2ND_SHOP_DIFY_API_KEY}' },
    })
    // With the variable set, it is a config the server takes as it is.
    const again = endpointOf({ ...snippet, dify: { ...snippet.dify, apiKey: 'app-x' } })
    expect(again.theme).toBe('kawaii')
    expect(again.scheme).toBe('dark')
  })

  it('leaves out what the endpoint does not set', () => {
    const snippet = JSON.parse(configSnippet(endpointOf({ id: 'plain', dify: { demo: true } })))
    expect(Object.keys(snippet)).toEqual(['id', 'theme', 'botName', 'dify'])
  })
})
