import { describe, expect, it } from 'vitest'
import { validateManifest } from './manifest.ts'

const PACK_FILES = new Set(['theme.json', 'theme.css', 'preview.png', 'favicon.svg'])

const valid = {
  id: 'kawaii',
  name: 'Kawaii',
  description: 'Pastel bubbles',
  preview: 'preview.png',
  favicon: 'favicon.svg',
  defaultLocale: 'ja',
  schemes: ['light', 'dark'],
  layout: { avatars: true, bubbleTails: true },
}

function errorOf(raw: unknown, files: ReadonlySet<string> = PACK_FILES): string {
  try {
    validateManifest(raw, 'kawaii', files)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the manifest to be rejected')
}

describe('validateManifest', () => {
  it('reads a valid manifest, with unset layout options off', () => {
    expect(validateManifest(valid, 'kawaii', PACK_FILES)).toEqual({
      id: 'kawaii',
      name: 'Kawaii',
      description: 'Pastel bubbles',
      preview: 'preview.png',
      favicon: 'favicon.svg',
      defaultLocale: 'ja',
      schemes: ['light', 'dark'],
      layout: { avatars: true, timestamps: false, bubbleTails: true, headerAvatar: false },
      brandable: [],
    })
  })

  it('reads the tokens a pack lets the brand accent drive, and refuses unknown ones', () => {
    expect(
      validateManifest({ ...valid, brandable: ['accent', 'focus'] }, 'kawaii', PACK_FILES)
        .brandable,
    ).toEqual(['accent', 'focus'])
    expect(() =>
      validateManifest({ ...valid, brandable: ['accent', 'bg'] }, 'kawaii', PACK_FILES),
    ).toThrow(
      'themes/kawaii/theme.json: brandable: must list tokens among accent, user-bubble, focus',
    )
  })

  it('defaults the locale to en and the layout to all options off', () => {
    const { defaultLocale: _locale, layout: _layout, ...rest } = valid
    const manifest = validateManifest(rest, 'kawaii', PACK_FILES)
    expect(manifest.defaultLocale).toBe('en')
    expect(manifest.layout).toEqual({
      avatars: false,
      timestamps: false,
      bubbleTails: false,
      headerAvatar: false,
    })
  })

  it('finds preview images in a subfolder of the pack', () => {
    const files = new Set([...PACK_FILES, 'img/preview.webp'])
    expect(
      validateManifest({ ...valid, preview: 'img/preview.webp' }, 'kawaii', files).preview,
    ).toBe('img/preview.webp')
  })

  it('rejects a manifest that is not an object', () => {
    expect(errorOf(['kawaii'])).toBe('themes/kawaii/theme.json: must be an object')
  })

  it.each([['id'], ['name'], ['description'], ['preview'], ['favicon']])(
    'names the missing field %s',
    (field) => {
      expect(errorOf({ ...valid, [field]: undefined })).toBe(
        `themes/kawaii/theme.json: ${field}: is missing`,
      )
      expect(errorOf({ ...valid, [field]: '  ' })).toBe(
        `themes/kawaii/theme.json: ${field}: is missing`,
      )
    },
  )

  it('requires the id to equal the folder name', () => {
    expect(errorOf({ ...valid, id: 'kawai' })).toBe(
      'themes/kawaii/theme.json: id: must equal the folder name "kawaii"',
    )
  })

  it('requires theme.css in the pack', () => {
    const files = new Set([...PACK_FILES].filter((file) => file !== 'theme.css'))
    expect(errorOf(valid, files)).toMatch(/themes\/kawaii\/theme\.css is missing/)
  })

  it('requires the preview and favicon files to exist in the pack', () => {
    expect(errorOf({ ...valid, preview: 'shot.png' })).toBe(
      'themes/kawaii/theme.json: preview: file "shot.png" is not in the pack',
    )
    expect(errorOf({ ...valid, favicon: '../minimal/favicon.svg' })).toBe(
      'themes/kawaii/theme.json: favicon: file "../minimal/favicon.svg" is not in the pack',
    )
  })

  it('rejects an unsupported default locale', () => {
    expect(errorOf({ ...valid, defaultLocale: 'de' })).toBe(
      'themes/kawaii/theme.json: defaultLocale: must be one of en, ko, ja, zh-Hans, zh-Hant',
    )
  })

  it.each([[undefined], [[]], [['light', 'sepia']], ['light']])(
    'rejects the schemes %j',
    (schemes) => {
      expect(errorOf({ ...valid, schemes })).toBe(
        'themes/kawaii/theme.json: schemes: must list "light", "dark" or both',
      )
    },
  )

  it('rejects unknown and non-boolean layout options, naming them', () => {
    expect(errorOf({ ...valid, layout: { avatars: true, sparkles: true } })).toBe(
      'themes/kawaii/theme.json: layout.sparkles: unknown option',
    )
    expect(errorOf({ ...valid, layout: { timestamps: 'yes' } })).toBe(
      'themes/kawaii/theme.json: layout.timestamps: must be true or false',
    )
    expect(errorOf({ ...valid, layout: ['avatars'] })).toBe(
      'themes/kawaii/theme.json: layout: must be an object',
    )
  })
})
