// Ships the CJK web fonts with the built client: for each script, the variable Noto Sans font's
// unicode-range slices are copied to dist/client/fonts/<id>-<version>/ and described by a compact
// dist/client/fonts/<id>.css, one @font-face a line (src/fonts/cjk-faces.ts reads it so). The
// client reads a stylesheet only when the page shows that script (src/fonts/cjk-fonts.ts) and
// registers only the slices its text needs; the browser fetches those it draws.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const FONTS = [
  { id: 'kr', family: 'Noto Sans KR', pkg: '@fontsource-variable/noto-sans-kr' },
  { id: 'jp', family: 'Noto Sans JP', pkg: '@fontsource-variable/noto-sans-jp' },
  { id: 'sc', family: 'Noto Sans SC', pkg: '@fontsource-variable/noto-sans-sc' },
  { id: 'tc', family: 'Noto Sans TC', pkg: '@fontsource-variable/noto-sans-tc' },
]
const FACE = /src: url\(\.\/files\/([^)]+\.woff2)\)[^;]*;\s*unicode-range: ([^;]+);/g

const outDir = join(root, 'dist', 'client', 'fonts')
for (const font of FONTS) {
  const pkgDir = dirname(require.resolve(`${font.pkg}/package.json`))
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
  const folder = `${font.id}-${version}`
  mkdirSync(join(outDir, folder), { recursive: true })
  const faces = [...readFileSync(join(pkgDir, 'index.css'), 'utf8').matchAll(FACE)]
  const css = faces.map(([, file, range], index) => {
    copyFileSync(join(pkgDir, 'files', file), join(outDir, folder, `${index}.woff2`))
    return (
      `@font-face{font-family:'${font.family}';font-weight:100 900;font-display:swap;` +
      `src:local('${font.family}'),url(/fonts/${folder}/${index}.woff2) format('woff2');` +
      `unicode-range:${range}}`
    )
  })
  writeFileSync(join(outDir, `${font.id}.css`), css.join('\n') + '\n')
  console.log(
    `fonts: ${font.family} ${version}, ${faces.length} slices → dist/client/fonts/${font.id}.css`,
  )
}
