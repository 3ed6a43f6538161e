// `npm run bench:check`: fails (exit 1) when a theme page's first-load JS or CSS, gzip level 9,
// exceeds its budget. Reads the build output only (run `npm run build` first), so it is fast and
// deterministic; `npm run bench` cross-checks the same sets against what Chromium fetches.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { compressibleFiles } from '../server/delivery/precompress-folder.ts'
import { CONTENT_CODINGS, TWIN_SUFFIX } from '../server/delivery/encodings.ts'
import {
  BUDGET,
  CLIENT_DIR,
  lazyScripts,
  localeChunks,
  readTemplate,
  staticFirstLoad,
  themeIds,
  total,
} from './lib/first-load.ts'
import { EMBED_BUDGET, embedDependencies, embedScript } from './lib/embed-script.ts'

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`

function main(): number {
  let html: string
  try {
    html = readTemplate()
  } catch (error) {
    console.error(`bench:check: ${(error as Error).message}`)
    return 1
  }
  const failures: string[] = []
  console.log('first-load weight per theme, gzip -9 (raw)')
  for (const theme of themeIds()) {
    const { js, css } = staticFirstLoad(theme, html)
    const jsGzip = total(js, 'gzip')
    const cssGzip = total(css, 'gzip')
    console.log(
      `  ${theme.padEnd(10)} JS ${kb(jsGzip)} (${kb(total(js, 'raw'))})  ` +
        `CSS ${kb(cssGzip)} (${kb(total(css, 'raw'))})`,
    )
    if (jsGzip > BUDGET.jsGzip) {
      const files = js.map((file) => `${file.path} ${kb(file.gzip)}`).join(', ')
      failures.push(
        `${theme}: JS ${kb(jsGzip)} gzip exceeds the ${kb(BUDGET.jsGzip)} budget by ` +
          `${kb(jsGzip - BUDGET.jsGzip)} (${jsGzip} > ${BUDGET.jsGzip} bytes: ${files})`,
      )
    }
    if (cssGzip > BUDGET.cssGzip) {
      const files = css.map((file) => `${file.path} ${kb(file.gzip)}`).join(', ')
      failures.push(
        `${theme}: CSS ${kb(cssGzip)} gzip exceeds the ${kb(BUDGET.cssGzip)} budget by ` +
          `${kb(cssGzip - BUDGET.cssGzip)} (${cssGzip} > ${BUDGET.cssGzip} bytes: ${files})`,
      )
    }
  }
  const dictionaries = new Set(localeChunks().values())
  const counted = staticFirstLoad(themeIds()[0] ?? 'minimal', html).localeChunk
  if (counted) {
    console.log(
      `  counted: the largest UI dictionary, ${counted} (awaited before the first render)`,
    )
  }
  const lazy = lazyScripts(html).filter((path) => !dictionaries.has(path))
  if (lazy.length > 0) console.log(`  not counted (loaded on demand): ${lazy.join(', ')}`)
  try {
    const embed = embedScript()
    console.log(`embed.js for host pages: ${kb(embed.gzip)} gzip (${kb(embed.raw)} raw)`)
    if (embed.gzip > EMBED_BUDGET.scriptGzip) {
      failures.push(
        `embed.js: ${kb(embed.gzip)} gzip exceeds the ${kb(EMBED_BUDGET.scriptGzip)} budget ` +
          `(${embed.gzip} > ${EMBED_BUDGET.scriptGzip} bytes)`,
      )
    }
    const dependencies = embedDependencies(embed.code)
    if (dependencies.length > 0) failures.push(`embed.js imports ${dependencies.join(', ')}`)
  } catch (error) {
    failures.push(`embed.js: ${(error as Error).message}`)
  }
  const built = compressibleFiles(CLIENT_DIR)
  for (const file of built) {
    const missing = CONTENT_CODINGS.filter(
      (coding) => !existsSync(join(CLIENT_DIR, file + TWIN_SUFFIX[coding])),
    )
    if (missing.length > 0) {
      failures.push(
        `dist/client/${file} has no ${missing.join(' or ')} twin (scripts/precompress.ts)`,
      )
    }
  }
  console.log(`  compressed twins: checked ${built.length} built files for .br and .gz`)
  if (failures.length > 0) {
    console.error('\nbench:check failed: a size budget is exceeded or a twin is missing')
    for (const failure of failures) console.error(`  ✗ ${failure}`)
    return 1
  }
  console.log(
    `bench:check ok: every theme within JS ≤ ${kb(BUDGET.jsGzip)}, CSS ≤ ${kb(BUDGET.cssGzip)}; ` +
      `embed.js ≤ ${kb(EMBED_BUDGET.scriptGzip)}`,
  )
  return 0
}

process.exitCode = main()
