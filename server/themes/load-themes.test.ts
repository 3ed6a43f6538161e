import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadThemes } from './load-themes.ts'

let root: string | undefined
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true })
  root = undefined
})

function themesDir(): string {
  root = mkdtempSync(join(tmpdir(), 'chatskins-themes-'))
  return root
}

/** Writes `files` (path → content) under `dir/folder`. */
function writePack(dir: string, folder: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, folder, path, '..'), { recursive: true })
    writeFileSync(join(dir, folder, path), content)
  }
}

function packFiles(id: string, overrides: Record<string, unknown> = {}): Record<string, string> {
  const manifest = {
    id,
    name: `Theme ${id}`,
    description: 'A test theme',
    preview: 'img/preview.png',
    favicon: 'favicon.svg',
    schemes: ['light'],
    ...overrides,
  }
  return {
    'theme.json': JSON.stringify(manifest),
    'theme.css': `:root { --cs-accent: ${id}; }`,
    'img/preview.png': 'png',
    'favicon.svg': '<svg/>',
  }
}

describe('loadThemes', () => {
  it('loads every pack folder by id, ignoring loose files such as a README', () => {
    const dir = themesDir()
    writePack(dir, 'minimal', packFiles('minimal'))
    writePack(dir, 'korean', packFiles('korean', { defaultLocale: 'ko' }))
    writeFileSync(join(dir, 'README.md'), '# Writing a theme')

    const packs = loadThemes(dir)
    expect([...packs.keys()]).toEqual(['korean', 'minimal'])
    expect(packs.get('korean')?.manifest.defaultLocale).toBe('ko')
    expect(packs.get('minimal')?.manifest.preview).toBe('img/preview.png')
    expect(packs.get('minimal')?.version).toMatch(/^[0-9a-f]{12}$/)
  })

  it('gives a pack a new version when a file changes, and only then', () => {
    const dir = themesDir()
    writePack(dir, 'minimal', packFiles('minimal'))
    const before = loadThemes(dir).get('minimal')?.version
    expect(loadThemes(dir).get('minimal')?.version).toBe(before)

    writeFileSync(join(dir, 'minimal', 'theme.css'), ':root { --cs-accent: red; }')
    expect(loadThemes(dir).get('minimal')?.version).not.toBe(before)
  })

  it('refuses a folder without theme.json', () => {
    const dir = themesDir()
    writePack(dir, 'minimal', packFiles('minimal'))
    mkdirSync(join(dir, 'drafts'))
    writeFileSync(join(dir, 'drafts', 'theme.css'), '')
    expect(() => loadThemes(dir)).toThrow(
      'themes/drafts/theme.json: missing (every folder in themes/ is a pack)',
    )
  })

  it('refuses a theme.json that is not JSON, naming it', () => {
    const dir = themesDir()
    writePack(dir, 'minimal', { ...packFiles('minimal'), 'theme.json': '{ "id": "minimal", }' })
    expect(() => loadThemes(dir)).toThrow(/^themes\/minimal\/theme\.json: invalid JSON \(/)
  })

  it('refuses an invalid pack with the manifest error', () => {
    const dir = themesDir()
    writePack(dir, 'minimal', packFiles('minimal', { preview: 'missing.png' }))
    expect(() => loadThemes(dir)).toThrow(
      'themes/minimal/theme.json: preview: file "missing.png" is not in the pack',
    )
  })

  it('refuses a pack whose id is not its folder name', () => {
    const dir = themesDir()
    writePack(dir, 'minimal', packFiles('plain'))
    expect(() => loadThemes(dir)).toThrow(
      'themes/minimal/theme.json: id: must equal the folder name',
    )
  })

  it('refuses a themes folder with no packs', () => {
    const dir = themesDir()
    expect(() => loadThemes(dir)).toThrow(`${dir}: no theme packs found`)
  })
})
