import { SUPPORTED_LOCALES, type Locale } from '../../contract/locales.ts'
import type { ThemeLayout } from '../../contract/dify-wire.ts'
import { BRANDABLE_TOKENS, type BrandableToken } from '../brand/derive-brand.ts'

/** `themes/<id>/theme.json`, as documented in themes/README.md. */
export interface ThemeManifest {
  id: string
  name: string
  description: string
  /** File name of the gallery preview image, inside the pack. */
  preview: string
  /** File name of the favicon, inside the pack. */
  favicon: string
  /** File name of the embed launcher's icon, inside the pack; undefined: the built-in glyph. */
  launcherIcon?: string
  defaultLocale: Locale
  schemes: Array<'light' | 'dark'>
  layout: ThemeLayout
  /** Tokens that follow an endpoint's `brand.accent` (themes/README.md#brandable-tokens). */
  brandable: BrandableToken[]
}

export interface ThemePack {
  manifest: ThemeManifest
  /** Cache-busting version of the pack's files, derived from their contents. */
  version: string
}

const LAYOUT_KEYS: ReadonlyArray<keyof ThemeLayout> = [
  'avatars',
  'timestamps',
  'bubbleTails',
  'headerAvatar',
]

/**
 * Checks a parsed theme.json against its folder. `files` lists the pack's files so that the
 * preview, favicon and theme.css are proven to exist; problems throw with the field named.
 */
export function validateManifest(
  raw: unknown,
  folder: string,
  files: ReadonlySet<string>,
): ThemeManifest {
  const fail = (field: string, problem: string): never => {
    throw new Error(`themes/${folder}/theme.json: ${field ? `${field}: ` : ''}${problem}`)
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('', 'must be an object')
  const manifest = raw as Record<string, unknown>
  const text = (field: string): string => {
    const value = manifest[field]
    if (typeof value !== 'string' || value.trim() === '') fail(field, 'is missing')
    return value as string
  }
  const file = (field: string): string => {
    const name = text(field)
    if (!files.has(name)) fail(field, `file "${name}" is not in the pack`)
    return name
  }

  const id = text('id')
  if (id !== folder) fail('id', `must equal the folder name "${folder}"`)
  if (!files.has('theme.css')) fail('', `themes/${folder}/theme.css is missing`)

  const defaultLocale = manifest.defaultLocale ?? 'en'
  if (!SUPPORTED_LOCALES.includes(defaultLocale as Locale)) {
    fail('defaultLocale', `must be one of ${SUPPORTED_LOCALES.join(', ')}`)
  }

  const schemes = manifest.schemes
  if (
    !Array.isArray(schemes) ||
    schemes.length === 0 ||
    !schemes.every((scheme) => scheme === 'light' || scheme === 'dark')
  ) {
    fail('schemes', 'must list "light", "dark" or both')
  }

  const layoutRaw = (manifest.layout ?? {}) as Record<string, unknown>
  if (typeof layoutRaw !== 'object' || Array.isArray(layoutRaw)) fail('layout', 'must be an object')
  for (const key of Object.keys(layoutRaw)) {
    if (!LAYOUT_KEYS.includes(key as keyof ThemeLayout)) fail(`layout.${key}`, 'unknown option')
    if (typeof layoutRaw[key] !== 'boolean') fail(`layout.${key}`, 'must be true or false')
  }
  const layout = Object.fromEntries(
    LAYOUT_KEYS.map((key) => [key, layoutRaw[key] === true]),
  ) as unknown as ThemeLayout

  const brandable = manifest.brandable ?? []
  if (
    !Array.isArray(brandable) ||
    !brandable.every((token) => (BRANDABLE_TOKENS as readonly unknown[]).includes(token))
  ) {
    fail('brandable', `must list tokens among ${BRANDABLE_TOKENS.join(', ')}`)
  }

  return {
    id,
    name: text('name'),
    description: text('description'),
    preview: file('preview'),
    favicon: file('favicon'),
    defaultLocale: defaultLocale as Locale,
    schemes: schemes as Array<'light' | 'dark'>,
    layout,
    ...(manifest.launcherIcon === undefined ? {} : { launcherIcon: file('launcherIcon') }),
    brandable: [...new Set(brandable as BrandableToken[])],
  }
}
