import { describe, expect, it } from 'vitest'
import type { EndpointConfig } from '../config/types.ts'
import { brandLookOf, brandsAsBuilt, type BuiltBrand } from './built-brands.ts'

const brand = { accent: '#e11d48', favicon: 'brand/favicon.png' }
const endpoint = (overrides: Partial<EndpointConfig>) =>
  ({
    id: 'shop',
    theme: 'kawaii',
    botName: 'Mochi',
    scheme: 'auto',
    dify: { kind: 'demo' },
    frameAncestors: [],
    embedOrigins: [],
    rateLimit: {},
    brand,
    ...overrides,
  }) as EndpointConfig

const built = (): BuiltBrand => ({
  id: 'shop',
  look: brandLookOf(endpoint({})),
  stylesheetUrl: '/brand/shop/brand.css?v=0123456789ab',
  images: { favicon: '/brand/shop/favicon-0123456789ab.png' },
  css: ':root[data-theme][data-brand] {\n  --cs-accent: light-dark(#e11d48, #ff7c85);\n}\n',
})

describe("the Worker's built brands", () => {
  it("gives an endpoint the build's brand while its brand and pack are as built", () => {
    const lines: string[] = []
    const brands = brandsAsBuilt(
      [endpoint({ botName: 'Renamed', scheme: 'dark' })],
      [built()],
      (line) => lines.push(line),
    )
    const shop = brands.get('shop')!
    expect(shop.stylesheetUrl).toBe('/brand/shop/brand.css?v=0123456789ab')
    expect(shop.images).toEqual({ favicon: '/brand/shop/favicon-0123456789ab.png' })
    // The embed launcher reads the stylesheet's text from here.
    expect(new TextDecoder().decode(shop.files.get('brand.css')!.body)).toBe(built().css)
    expect(lines).toEqual([])
  })

  it("shows the pack's look, and says so once, where the brand differs from the build's", () => {
    const lines: string[] = []
    const brands = brandsAsBuilt(
      [
        endpoint({ brand: { ...brand, accent: '#16a34a' } }),
        endpoint({ id: 'other', brand: { logo: 'brand/logo.svg' } }),
        endpoint({ id: 'plain', brand: undefined }),
      ],
      [built()],
      (line) => lines.push(line),
    )
    expect([...brands.keys()]).toEqual([])
    expect(lines).toEqual([
      "No brand was built for shop, other, which show their pack's look: " +
        'build with this config (npm run build:workers -- --config <file>).',
    ])
    for (const changed of [{ theme: 'minimal' }, { brand: { ...brand, favicon: 'b/f.png' } }]) {
      const quiet = brandsAsBuilt([endpoint(changed)], [built()], () => {})
      expect(quiet.has('shop'), JSON.stringify(changed)).toBe(false)
    }
  })
})
