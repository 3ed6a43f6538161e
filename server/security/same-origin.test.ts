import { describe, expect, it } from 'vitest'
import { isCrossSiteChange, type SameOriginRequest } from './same-origin.ts'

const post = (fields: Partial<SameOriginRequest>): SameOriginRequest => ({
  method: 'POST',
  host: 'chat.example.com',
  origin: undefined,
  secFetchSite: undefined,
  ...fields,
})

describe('isCrossSiteChange', () => {
  it('lets reads through from anywhere', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(isCrossSiteChange(post({ method, origin: 'https://evil.example' }))).toBe(false)
    }
  })

  it('accepts a change whose Origin is this host, in either scheme', () => {
    expect(isCrossSiteChange(post({ origin: 'https://chat.example.com' }))).toBe(false)
    expect(isCrossSiteChange(post({ origin: 'http://Chat.Example.com' }))).toBe(false)
    expect(
      isCrossSiteChange(post({ host: '127.0.0.1:8787', origin: 'http://127.0.0.1:8787' })),
    ).toBe(false)
  })

  it.each([
    ['https://evil.example'],
    ['https://chat.example.com.evil.example'],
    ['https://sub.chat.example.com'],
    ['https://chat.example.com:8443'],
    ['null'],
    [''],
    ['chat.example.com'],
  ])('refuses a change from Origin %j', (origin) => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(isCrossSiteChange(post({ method, origin }))).toBe(true)
    }
  })

  it('without Origin, goes by Sec-Fetch-Site where the browser sent it', () => {
    expect(isCrossSiteChange(post({ secFetchSite: 'same-origin' }))).toBe(false)
    expect(isCrossSiteChange(post({ secFetchSite: 'none' }))).toBe(false)
    expect(isCrossSiteChange(post({ secFetchSite: 'same-site' }))).toBe(true)
    expect(isCrossSiteChange(post({ secFetchSite: 'cross-site' }))).toBe(true)
  })

  it('lets a client that is no browser (neither header) through', () => {
    expect(isCrossSiteChange(post({}))).toBe(false)
  })
})
