import { describe, expect, it } from 'vitest'
import { imageTypeOfUrl } from './image-kind.ts'

describe('brand image URLs', () => {
  // The manifest names a brand favicon's type from its URL alone: a Worker has no image bytes.
  it('tell their content type by the extension the server gave them', () => {
    expect(imageTypeOfUrl('/brand/shop/favicon-0123456789ab.png')).toBe('image/png')
    expect(imageTypeOfUrl('/brand/shop/favicon-0123456789ab.jpg')).toBe('image/jpeg')
    expect(imageTypeOfUrl('/brand/shop/favicon-0123456789ab.webp')).toBe('image/webp')
    expect(imageTypeOfUrl('/brand/shop/favicon-0123456789ab.svg')).toBe('image/svg+xml')
    expect(imageTypeOfUrl('/brand/shop/brand.css')).toBeUndefined()
  })
})
