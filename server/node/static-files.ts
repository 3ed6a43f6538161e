import { readFile } from 'node:fs/promises'
import { basename, extname, join, normalize, sep } from 'node:path'
import type { StaticFile } from '../app.ts'

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.map': 'application/json',
}

const CLIENT_FOLDERS = new Set(['assets', 'static', 'fonts'])

export interface StaticRoots {
  /** The built client (`dist/client`): serves `assets/…`, `static/…` and `fonts/…`. */
  client: string
  /** The theme packs folder: serves `themes/<id>/…`. */
  themes: string
}

/** Reads static files from disk; paths that leave their root or aren't known types are not found. */
export function createStaticReader(
  roots: StaticRoots,
): (path: string) => Promise<StaticFile | null> {
  return async (path) => {
    const [top, ...rest] = path.split('/')
    const root =
      top === 'themes' ? roots.themes : CLIENT_FOLDERS.has(top ?? '') ? roots.client : null
    if (!root) return null
    const relative = top === 'themes' ? rest.join('/') : path
    const file = normalize(join(root, relative))
    if (!file.startsWith(root + sep) || file.includes('\0')) return null
    const contentType = CONTENT_TYPES[extname(file).toLowerCase()]
    // Checked on the normalised name, so `theme.json/.` or `x/../theme.json` can't reach it.
    if (!contentType || basename(file).toLowerCase() === 'theme.json') return null
    try {
      return { body: await readFile(file), contentType }
    } catch {
      return null
    }
  }
}
