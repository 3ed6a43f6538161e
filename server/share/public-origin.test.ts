import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { parsePublicUrl, publicOriginOf } from './public-origin.ts'

/** What the page would use as its origin for a request with these headers. */
async function originFor(
  headers: Record<string, string>,
  publicUrl: string | undefined,
  trustProxy: boolean,
) {
  const app = new Hono()
  app.get('/', (c) => c.text(publicOriginOf(c, publicUrl, trustProxy)))
  return (await app.request('http://10.0.0.5:8787/', { headers })).text()
}

describe('the public origin of absolute URLs', () => {
  const forwarded = { 'X-Forwarded-Proto': 'https, http', 'X-Forwarded-Host': 'chat.example.org' }

  it('is PUBLIC_URL when set, whatever the request says', async () => {
    expect(await originFor(forwarded, 'https://chat.example.com', true)).toBe(
      'https://chat.example.com',
    )
  })

  it("is the first proxy's forwarded scheme and host behind TRUST_PROXY", async () => {
    expect(await originFor(forwarded, undefined, true)).toBe('https://chat.example.org')
    expect(await originFor({ 'X-Forwarded-Proto': 'gopher' }, undefined, true)).toBe(
      'http://10.0.0.5:8787',
    )
  })

  it('ignores forwarded headers without TRUST_PROXY', async () => {
    expect(await originFor(forwarded, undefined, false)).toBe('http://10.0.0.5:8787')
  })

  it('takes only the origin of PUBLIC_URL and refuses what is not an http(s) URL', () => {
    expect(parsePublicUrl('https://chat.example.com/some/path?x=1')).toBe(
      'https://chat.example.com',
    )
    expect(parsePublicUrl('')).toBeUndefined()
    expect(() => parsePublicUrl('chat.example.com')).toThrow(/PUBLIC_URL.*not an absolute URL/)
    expect(() => parsePublicUrl('javascript:alert(1)')).toThrow(/PUBLIC_URL.*http/)
  })
})
