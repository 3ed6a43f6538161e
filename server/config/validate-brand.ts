import type { BrandConfig } from './types.ts'

type Fail = (field: string, problem: string) => never

const BRAND_IMAGES = ['avatar', 'logo', 'favicon'] as const
const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i

/**
 * `brand`: an accent colour and image paths relative to the config file's folder. The images are
 * read and checked at start (server/brand/load-brands.ts), where their folder is known.
 */
export function validateBrand(raw: unknown, fail: Fail): BrandConfig | undefined {
  if (raw === undefined) return undefined
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail(
      'brand',
      'must be an object such as {"accent": "#e11d48", "logo": "brand/logo.svg"}',
    )
  }
  const brand: BrandConfig = {}
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'accent') {
      if (typeof value !== 'string' || !COLOR.test(value)) {
        fail('brand.accent', `must be a colour as #rrggbb or #rgb, not ${JSON.stringify(value)}`)
      }
      brand.accent = (value as string).toLowerCase()
    } else if ((BRAND_IMAGES as readonly string[]).includes(key)) {
      if (typeof value !== 'string' || value.trim() === '') {
        fail(`brand.${key}`, 'must be a file path relative to the config file')
      }
      brand[key as (typeof BRAND_IMAGES)[number]] = value as string
    } else fail(`brand.${key}`, 'unknown field')
  }
  return brand
}
