// Part of `npm run build`: compiles every theme pack through Tailwind, so a broken pack fails the
// build, the server's cache is warm for its start, and bench:check weighs the CSS a page gets
// (written to dist/themes/<id>/theme.css; the server compiles from themes/ through the same cache).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createThemeCssCache } from '../server/themes/compile-theme-css.ts'
import { loadThemes } from '../server/themes/load-themes.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const themesDir = join(root, 'themes')
const cache = createThemeCssCache({
  cacheDir: join(root, 'node_modules', '.cache', 'chatskins-themes'),
})
for (const id of loadThemes(themesDir).keys()) {
  const packDir = join(themesDir, id)
  const css = await cache.compile(readFileSync(join(packDir, 'theme.css'), 'utf8'), {
    packDir,
    displayPath: `themes/${id}/theme.css`,
  })
  mkdirSync(join(root, 'dist', 'themes', id), { recursive: true })
  writeFileSync(join(root, 'dist', 'themes', id, 'theme.css'), css)
}
