import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('..', import.meta.url))

/**
 * An installed copy of this build: a temp dir with the build (dist, linked) and the shipped
 * packs, plus one pack per entry of `packs` (its id → its theme.css), dropped in beside them.
 */
export function appCopy(packs: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'chatskins-copy-'))
  symlinkSync(join(repo, 'dist'), join(root, 'dist'))
  cpSync(join(repo, 'themes'), join(root, 'themes'), { recursive: true })
  for (const [id, css] of Object.entries(packs)) {
    cpSync(join(repo, 'themes', 'minimal'), join(root, 'themes', id), { recursive: true })
    const manifest = {
      id,
      name: `Pack ${id}`,
      description: 'Dropped in',
      schemes: ['light', 'dark'],
    }
    writeFileSync(
      join(root, 'themes', id, 'theme.json'),
      JSON.stringify({ ...manifest, preview: 'preview.svg', favicon: 'favicon.svg' }),
    )
    writeFileSync(join(root, 'themes', id, 'theme.css'), css)
  }
  return root
}
