import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { compressBytes } from '../delivery/compress-bytes.ts'
import type { ContentCoding } from '../delivery/encodings.ts'
import { ConfigError } from '../config/config-error.ts'
import type { ChatskinsConfig } from '../config/types.ts'
import type { ThemePack } from '../themes/manifest.ts'
import { brandStylesheet, type BrandImageUrls } from './brand-stylesheet.ts'
import { deriveBrand } from './derive-brand.ts'
import { IMAGE_EXTENSIONS, IMAGE_TYPES, imageKind, type BrandImageKind } from './image-kind.ts'
import { packSurfaces } from './pack-surfaces.ts'

export const MAX_BRAND_IMAGE_BYTES = 512 * 1024
const IMAGE_FIELDS = ['avatar', 'logo', 'favicon'] as const

export interface BrandFile {
  body: Uint8Array
  contentType: string
  /** Brotli and gzip copies of a text file (the stylesheet, an SVG), made once at start. */
  compressed?: Record<ContentCoding, Uint8Array>
}

/** One endpoint's brand, ready to serve under `/brand/<id>/`. */
export interface EndpointBrand {
  /** `/brand/<id>/brand.css?v=<hash>`, linked after the pack's theme.css. */
  stylesheetUrl: string
  images: BrandImageUrls
  /** File name (as in the URL) → file. */
  files: ReadonlyMap<string, BrandFile>
}

export interface LoadBrandsOptions {
  config: ChatskinsConfig
  themes: ReadonlyMap<string, ThemePack>
  themesDir: string
  log: (line: string) => void
}

/**
 * Reads and checks every endpoint's brand at start: images beside the config file (PNG, JPEG,
 * WebP or SVG by their bytes, at most 512 KB), the accent derived over the pack. Any problem
 * throws a ConfigError naming the field, so the server does not start half-branded.
 */
export function loadBrands({ config, themes, themesDir, log }: LoadBrandsOptions) {
  const brands = new Map<string, EndpointBrand>()
  const configDir = resolve(dirname(config.source))
  config.endpoints.forEach((endpoint, index) => {
    const { brand } = endpoint
    if (!brand) return
    const field = (name: string) => `endpoints[${index}].brand.${name}`
    const base = `/brand/${encodeURIComponent(endpoint.id)}/`
    const files = new Map<string, BrandFile>()
    const images: BrandImageUrls = {}
    for (const name of IMAGE_FIELDS) {
      const path = brand[name]
      if (path === undefined) continue
      const { body, kind } = readBrandImage(configDir, path, (problem) => {
        throw new ConfigError(config.source, field(name), problem)
      })
      const fileName = `${name}-${hashOf(body)}.${IMAGE_EXTENSIONS[kind]}`
      files.set(fileName, withCompressed({ body, contentType: IMAGE_TYPES[kind] }))
      images[name] = base + fileName
    }
    const pack = themes.get(endpoint.theme)!
    let tokens: Record<string, string> = {}
    if (brand.accent) {
      const css = readFileSync(join(themesDir, endpoint.theme, 'theme.css'), 'utf8')
      const derived = deriveBrand(brand.accent, packSurfaces(css), pack.manifest.brandable)
      tokens = derived.tokens
      for (const line of derived.adjustments) log(`brand of ${endpoint.id}: ${line}`)
    }
    const css = new TextEncoder().encode(brandStylesheet(tokens, images))
    files.set('brand.css', withCompressed({ body: css, contentType: 'text/css; charset=utf-8' }))
    brands.set(endpoint.id, { stylesheetUrl: `${base}brand.css?v=${hashOf(css)}`, images, files })
  })
  return brands
}

function readBrandImage(
  dir: string,
  path: string,
  fail: (problem: string) => never,
): { body: Uint8Array; kind: BrandImageKind } {
  const file = resolve(dir, path)
  const inside = relative(dir, file)
  if (isAbsolute(path) || inside.startsWith('..' + sep) || inside === '..') {
    fail(`"${path}" must be a file beside the config file or in a folder below it`)
  }
  let size: number
  try {
    const info = statSync(file)
    if (!info.isFile()) fail(`"${path}" is not a file`)
    size = info.size
  } catch (error) {
    if (error instanceof ConfigError) throw error
    return fail(`cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  if (size > MAX_BRAND_IMAGE_BYTES) {
    fail(
      `"${path}" is ${(size / 1024).toFixed(0)} KB; the limit is ${MAX_BRAND_IMAGE_BYTES / 1024} KB`,
    )
  }
  const body = readFileSync(file)
  const kind = imageKind(body)
  if (!kind) fail(`"${path}" is not a PNG, JPEG, WebP or SVG image`)
  return { body, kind: kind! }
}

function withCompressed(file: BrandFile): BrandFile {
  if (!/^(text\/css|image\/svg\+xml)/.test(file.contentType)) return file
  return {
    ...file,
    compressed: { br: compressBytes(file.body, 'br'), gzip: compressBytes(file.body, 'gzip') },
  }
}

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 12)
