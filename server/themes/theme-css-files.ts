import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { StaticFile } from '../app.ts'
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

  return (readStatic: (path: string) => Promise<StaticFile | null>) =>
    async (path: string): Promise<StaticFile | null> => {
      const id = THEME_CSS.exec(path)?.[1]
      if (id === undefined || !compiled.has(id)) return readStatic(path)
      const css = options.watch ? await compileOne(id) : compiled.get(id)!
      return { body: new TextEncoder().encode(css), contentType: 'text/css; charset=utf-8' }
    }
}
