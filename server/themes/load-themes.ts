import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { validateManifest, type ThemePack } from './manifest.ts'

/**
 * Loads every pack under `themesDir` (one folder each). Any invalid pack throws, so the server
 * refuses to start rather than serve a broken page.
 */
export function loadThemes(themesDir: string): Map<string, ThemePack> {
  const packs = new Map<string, ThemePack>()
  const folders = readdirSync(themesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  for (const folder of folders) {
    const dir = join(themesDir, folder)
    const files = listFiles(dir)
    if (!files.includes('theme.json')) {
      throw new Error(`themes/${folder}/theme.json: missing (every folder in themes/ is a pack)`)
    }
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(join(dir, 'theme.json'), 'utf8'))
    } catch (error) {
      throw new Error(`themes/${folder}/theme.json: invalid JSON (${(error as Error).message})`)
    }
    const manifest = validateManifest(raw, folder, new Set(files))
    packs.set(manifest.id, { manifest, version: hashFiles(dir, files) })
  }
  if (packs.size === 0) throw new Error(`${themesDir}: no theme packs found`)
  return packs
}

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path, root) : [relative(root, path)]
  })
}

function hashFiles(dir: string, files: string[]): string {
  const hash = createHash('sha256')
  for (const file of [...files].sort()) hash.update(file).update(readFileSync(join(dir, file)))
  return hash.digest('hex').slice(0, 12)
}
