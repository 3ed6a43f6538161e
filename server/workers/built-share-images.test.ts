import { describe, expect, it } from 'vitest'
import type { EndpointConfig } from '../config/types.ts'
import type { EndpointShare } from '../share/share-images.ts'
import { builtShareImages, shareLookOf } from './built-share-images.ts'

const endpoint = (overrides: Partial<EndpointConfig>) =>
  ({
    id: 'shop',
    theme: 'kawaii',
    botName: 'Mochi',
    locale: undefined,
    scheme: 'auto',
    dify: { kind: 'demo' },
    frameAncestors: [],
    embedOrigins: [],
    rateLimit: {},
    ...overrides,
  }) as EndpointConfig

const share: EndpointShare = {
  card: { path: '/share/shop/card-0123456789ab.png', width: 1200, height: 630, alt: 'Mochi: …' },
  icons: [{ path: '/share/shop/icon-192-0123456789ab.png', size: 192 }],
  themeColor: '#e11d48',
  backgroundColor: '#ffffff',
}

describe("the Worker's built share images", () => {
  it("points an endpoint at the build's images only while it looks as it did at build", () => {
    const built = [{ id: 'shop', look: shareLookOf(endpoint({})), share }]
    const lines: string[] = []
    const same = builtShareImages([endpoint({ scheme: 'dark' })], built, (line) => lines.push(line))
    // The scheme is not on the card: changing it keeps the card.
    expect(same.endpoints.get('shop')).toEqual(share)
    expect(lines).toEqual([])

    for (const changed of [
      { botName: 'Other' },
      { theme: 'minimal' },
      { locale: 'ja' as const },
      { brand: { accent: '#16a34a' } },
    ]) {
      const images = builtShareImages([endpoint(changed)], built, (line) => lines.push(line))
      expect(images.endpoints.has('shop'), JSON.stringify(changed)).toBe(false)
    }
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^No link preview card or app icons were built for shop: /)
  })

  it('draws and serves nothing itself: the asset layer serves the PNGs', () => {
    const built = [{ id: 'shop', look: shareLookOf(endpoint({})), share }]
    const images = builtShareImages([endpoint({})], built, () => {})
    expect(images.png('shop', 'card-0123456789ab.png')).toBeUndefined()
  })
})
