import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { compressBytes } from '../delivery/compress-bytes.ts'
import type { ReadStatic } from '../delivery/static-handler.ts'
import type { ContentCoding } from '../delivery/encodings.ts'
import type { ThemeCssCache } from './compile-theme-css.ts'

export interface ThemeCssFilesOptions {
  themesDir: string
  packIds: Iterable<string>
  cache: ThemeCssCache
  /** Compile again when a pack's source changes (`npm run dev`), instead of once at start. */
  watch?: boolean
}

const THEME_CSS = /^themes\/([^/]+)\/theme\.css$/

/**
 * Compiles every pack's `theme.css` through Tailwind before the server starts (a pack that does
 * not compile throws, naming file and line), then wraps the static reader so `themes/<id>/theme.css`
 * answers with the compiled CSS.
 */
export async function createThemeCssFiles(options: ThemeCssFilesOptions) {
  const compileOne = async (id: string) => {
    const packDir = join(options.themesDir, id)
    const source = await readFile(join(packDir, 'theme.css'), 'utf8')
    return options.cache.compile(source, { packDir, displayPath: `themes/${id}/theme.css` })
  }
  const compiled = new Map<string, string>()
  for (const id of options.packIds) compiled.set(id, await compileOne(id))

  // Compressed once per pack and coding, again only when the compiled CSS changes (watch).
  const compressed = new Map<string, { css: string; bytes: Uint8Array }>()
  const encode = (id: string, css: string, coding: ContentCoding | undefined) => {
    if (!coding) return new TextEncoder().encode(css)
    const key = `${id} ${coding}`
    const cached = compressed.get(key)
    if (cached?.css === css) return cached.bytes
    const bytes = compressBytes(Buffer.from(css), coding)
    compressed.set(key, { css, bytes })
    return bytes
  }

  return (readStatic: ReadStatic): ReadStatic =>
    async (path, codings) => {
      const id = THEME_CSS.exec(path)?.[1]
      if (id === undefined || !compiled.has(id)) return readStatic(path, codings)
      const css = options.watch ? await compileOne(id) : compiled.get(id)!
      const [coding] = codings
      return {
        body: encode(id, css, coding),
        contentType: 'text/css; charset=utf-8',
        negotiated: true,
        ...(coding ? { encoding: coding } : {}),
        // Its `?v=` hash is the pack as the server started: a reload must still get the edit.
        ...(options.watch ? { live: true } : {}),
      }
    }
}
