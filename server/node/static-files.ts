import { readFile, stat } from 'node:fs/promises'
import { basename, extname, join, normalize, sep } from 'node:path'
import type { StaticFile } from '../delivery/static-handler.ts'
import { compressBytes } from '../delivery/compress-bytes.ts'
import { COMPRESSIBLE_EXTENSIONS, TWIN_SUFFIX, type ContentCoding } from '../delivery/encodings.ts'

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

/**
 * Reads static files from disk; paths that leave their root or aren't known types are not found.
 * A compressible file comes in the first of `codings` available: the built client's twins were
 * written by `npm run build` (scripts/precompress.ts); theme files, which operators edit without
 * a build, are compressed on first request and kept while their size and mtime stay the same.
 */
export function createStaticReader(
  roots: StaticRoots,
): (path: string, codings: readonly ContentCoding[]) => Promise<StaticFile | null> {
  const compressedThemeFiles = new Map<string, { stamp: string; bytes: Buffer }>()
  const themeTwin = async (file: string, coding: ContentCoding): Promise<Buffer> => {
    const info = await stat(file)
    const stamp = `${info.size}:${info.mtimeMs}`
    const key = file + TWIN_SUFFIX[coding]
    const cached = compressedThemeFiles.get(key)
    if (cached?.stamp === stamp) return cached.bytes
    const bytes = compressBytes(await readFile(file), coding)
    compressedThemeFiles.set(key, { stamp, bytes })
    return bytes
  }

  return async (path, codings) => {
    const [top, ...rest] = path.split('/')
    const root =
      top === 'themes' ? roots.themes : CLIENT_FOLDERS.has(top ?? '') ? roots.client : null
    if (!root) return null
    const relative = top === 'themes' ? rest.join('/') : path
    const file = normalize(join(root, relative))
    if (!file.startsWith(root + sep) || file.includes('\0')) return null
    const extension = extname(file).toLowerCase()
    const contentType = CONTENT_TYPES[extension]
    // Checked on the normalised name, so `theme.json/.` or `x/../theme.json` can't reach it.
    if (!contentType || basename(file).toLowerCase() === 'theme.json') return null
    const negotiated = COMPRESSIBLE_EXTENSIONS.has(extension)
    try {
      for (const coding of negotiated ? codings : []) {
        const body =
          root === roots.themes
            ? await themeTwin(file, coding)
            : await readFile(file + TWIN_SUFFIX[coding]).catch(() => null)
        if (body) return { body, contentType, negotiated, encoding: coding }
      }
      return { body: await readFile(file), contentType, negotiated }
    } catch {
      return null
    }
  }
}
