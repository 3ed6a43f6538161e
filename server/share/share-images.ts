import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderAsync } from '@resvg/resvg-js'
import type { EndpointBrand } from '../brand/load-brands.ts'
import { parseHex, toHex, type Rgb } from '../brand/color.ts'
import { packColors } from '../brand/pack-surfaces.ts'
import type { ChatskinsConfig, EndpointConfig } from '../config/types.ts'
import type { ThemePack } from '../themes/manifest.ts'
import { createCardFonts } from './card-fonts.ts'
import { CARD_HEIGHT, CARD_WIDTH, shareCardSvg, type CardImage } from './share-card.ts'

/** The icon sizes Chromium asks of an installable web app. */
export const ICON_SIZES = [192, 512] as const
/** Part of every image's hash: a change to how images are drawn gives them new URLs. */
const DRAWING_VERSION = 'card-1'

/** What an endpoint's page and manifest say about its share images (paths under `/share/<id>/`). */
export interface EndpointShare {
  card: { path: string; width: number; height: number; alt: string }
  icons: Array<{ path: string; size: number }>
  /** `#rrggbb`: the brand accent, else the pack's (light scheme). */
  themeColor: string
  /** `#rrggbb`: the pack's light page background, for the splash screen. */
  backgroundColor: string
}

export interface ShareImages {
  endpoints: ReadonlyMap<string, EndpointShare>
  /** The PNG behind `/share/<id>/<file>`, drawn on its first request and kept; undefined: none. */
  png(id: string, file: string): Promise<Uint8Array> | undefined
}

export interface ShareImagesOptions {
  config: ChatskinsConfig
  themes: ReadonlyMap<string, ThemePack>
  themesDir: string
  brands: ReadonlyMap<string, EndpointBrand>
}

/**
 * Each endpoint's link preview card and app icons. At start only their inputs are read and hashed
 * (the URLs carry that hash); each PNG is drawn with resvg off the main thread when first asked
 * for, so starting stays fast and an unfurler's one fetch pays for the drawing.
 */
export function createShareImages(options: ShareImagesOptions): ShareImages {
  const fonts = createCardFonts()
  const drawings = new Map<string, () => Promise<Uint8Array>>()
  const rendered = new Map<string, Promise<Uint8Array>>()
  const endpoints = new Map<string, EndpointShare>()
  for (const endpoint of options.config.endpoints) {
    const pack = options.themes.get(endpoint.theme)!
    const brand = options.brands.get(endpoint.id)
    const look = endpointLook(endpoint, pack, options.themesDir, brand)
    const base = `/share/${encodeURIComponent(endpoint.id)}/`
    const card = {
      title: endpoint.botName,
      description: pack.manifest.description,
      locale: endpoint.locale ?? pack.manifest.defaultLocale,
      colors: look.colors,
      avatar: look.avatar,
      preview: look.preview,
    }
    const cardFile = `card-${hashOf(card)}.png`
    drawings.set(endpoint.id + '/' + cardFile, () => drawPng(shareCardSvg(card, fonts)))
    const icons = ICON_SIZES.map((size) => {
      const file = `icon-${size}-${hashOf({ size, icon: look.icon })}.png`
      drawings.set(endpoint.id + '/' + file, () => drawPng(iconSvg(look.icon, size)))
      return { path: base + file, size }
    })
    endpoints.set(endpoint.id, {
      card: {
        path: base + cardFile,
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
        alt: `${endpoint.botName}: ${pack.manifest.description}`,
      },
      icons,
      themeColor: look.colors.accent,
      backgroundColor: look.colors.background,
    })
  }
  return {
    endpoints,
    png(id, file) {
      const key = id + '/' + file
      const draw = drawings.get(key)
      if (!draw) return undefined
      let png = rendered.get(key)
      if (!png) {
        png = draw()
        // A failed drawing is tried again on the next request rather than kept.
        png.catch(() => rendered.delete(key))
        rendered.set(key, png)
      }
      return png
    },
  }
}

interface EndpointLook {
  colors: { background: string; text: string; muted: string; accent: string }
  avatar: CardImage
  icon: CardImage
  preview: CardImage
}

function endpointLook(
  endpoint: EndpointConfig,
  pack: ThemePack,
  themesDir: string,
  brand: EndpointBrand | undefined,
): EndpointLook {
  const packDir = join(themesDir, pack.manifest.id)
  const colorOf = packColors(readFileSync(join(packDir, 'theme.css'), 'utf8'))
  const light = (token: string, fallback: Rgb) => toHex(colorOf(token, 'light') ?? fallback)
  const text = light('--cs-on-bg', { r: 0.1, g: 0.1, b: 0.1 })
  const brandAccent = endpoint.brand?.accent ? parseHex(endpoint.brand.accent) : null
  const packFile = (name: string): CardImage => ({
    bytes: readFileSync(join(packDir, name)),
    contentType: 'image/svg+xml',
  })
  const brandImage = (field: 'avatar' | 'logo' | 'favicon'): CardImage | undefined => {
    const url = brand?.images[field]
    const file = url ? brand!.files.get(url.slice(url.lastIndexOf('/') + 1)) : undefined
    return file ? { bytes: file.body, contentType: file.contentType } : undefined
  }
  const favicon = packFile(pack.manifest.favicon)
  return {
    colors: {
      background: light('--cs-bg', { r: 1, g: 1, b: 1 }),
      text,
      muted: toHex(colorOf('--cs-muted', 'light') ?? parseHex(text)!),
      accent: brandAccent ? toHex(brandAccent) : light('--cs-accent', parseHex(text)!),
    },
    avatar: brandImage('avatar') ?? brandImage('logo') ?? favicon,
    icon: brandImage('favicon') ?? brandImage('avatar') ?? brandImage('logo') ?? favicon,
    preview: packFile(pack.manifest.preview),
  }
}

function iconSvg(icon: CardImage, size: number): string {
  const href = `data:${icon.contentType};base64,${Buffer.from(icon.bytes).toString('base64')}`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<image width="${size}" height="${size}" preserveAspectRatio="xMidYMid meet" href="${href}"/></svg>`
  )
}

async function drawPng(svg: string): Promise<Uint8Array> {
  const image = await renderAsync(svg, { font: { loadSystemFonts: false } })
  return image.asPng()
}

function hashOf(value: unknown): string {
  // `this[key]` is the value before Buffer's toJSON turned it into an array of numbers.
  const json = JSON.stringify(
    { version: DRAWING_VERSION, value },
    function (this: Record<string, unknown>, key, item: unknown) {
      const original = this[key]
      return original instanceof Uint8Array
        ? createHash('sha256').update(original).digest('hex')
        : item
    },
  )
  return createHash('sha256').update(json).digest('hex').slice(0, 12)
}
