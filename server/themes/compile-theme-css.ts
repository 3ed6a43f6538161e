import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compile } from '@tailwindcss/node'

/** The client's token utilities and `dark:` variant (src/styles/tokens.css), for every pack. */
const TOKENS_CSS = fileURLToPath(new URL('../../src/styles/tokens.css', import.meta.url))

/**
 * Put before a pack's CSS on its first line, so Tailwind's line numbers stay the author's: the
 * default theme (only the variables a pack uses are emitted) and the client's tokens, so
 * `@apply bg-pink-500 rounded-bubble` and `dark:` work with no import of the author's own.
 */
const PRELUDE = `@import ${JSON.stringify(tailwindFile('theme.css'))}; @import ${JSON.stringify(TOKENS_CSS)}; `

/** Resolved here, not from the pack, so a pack dropped anywhere finds this install's Tailwind. */
function tailwindFile(name: string): string {
  return join(dirname(fileURLToPath(import.meta.resolve('tailwindcss/package.json'))), name)
}

export interface CompileThemeCssOptions {
  /** The pack's folder: relative `@import`s resolve from here. */
  packDir: string
  /** How errors name the file, e.g. `themes/kawaii/theme.css`. */
  displayPath: string
}

/** Compiles one pack's `theme.css` through Tailwind; a failure names the file, line and cause. */
export async function compileThemeCss(source: string, options: CompileThemeCssOptions) {
  const from = join(options.packDir, 'theme.css')
  try {
    const compiler = await compile(PRELUDE + source, {
      base: options.packDir,
      from,
      onDependency: () => {},
    })
    return compiler.build([])
  } catch (error) {
    throw new Error(describeFailure(error as Error, source, from, options.displayPath))
  }
}

function describeFailure(error: Error, source: string, from: string, displayPath: string) {
  const located = error.message.split(from).join(displayPath)
  if (located !== error.message) return `${located} (Tailwind CSS)`
  // Tailwind names the class but not the place of an `@apply` it can't resolve: find its line.
  const named = /`([^`]+)`/.exec(error.message)?.[1]
  const index = named ? source.split('\n').findIndex((line) => line.includes(named)) : -1
  return `${displayPath}${index >= 0 ? `:${index + 1}` : ''}: ${error.message} (Tailwind CSS)`
}

export interface ThemeCssCacheOptions {
  /** Compiled packs are kept here, one file per content hash. */
  cacheDir: string
}

/**
 * Compiles a pack's CSS once per distinct content: the result is kept in `cacheDir` under a hash
 * of the source, the Tailwind version and the client's tokens, so a restart or a second server
 * reads it back instead of compiling again, and any edit compiles afresh.
 */
export function createThemeCssCache(options: ThemeCssCacheOptions) {
  let salt: Promise<string> | undefined
  const saltOf = async () => {
    const tailwind = JSON.parse(await readFile(tailwindFile('package.json'), 'utf8')) as {
      version: string
    }
    return tailwind.version + (await readFile(TOKENS_CSS, 'utf8'))
  }
  return {
    async compile(source: string, compileOptions: CompileThemeCssOptions): Promise<string> {
      salt ??= saltOf()
      const key = createHash('sha256')
        .update(await salt)
        .update('\0')
        .update(source)
        .update(await importedSources(source, compileOptions.packDir))
        .digest('hex')
        .slice(0, 24)
      const file = join(options.cacheDir, `${key}.css`)
      const cached = await readFile(file, 'utf8').catch(() => null)
      if (cached !== null) return cached
      const css = await compileThemeCss(source, compileOptions)
      await mkdir(dirname(file), { recursive: true })
      // Written aside then renamed, so a second server starting at once never reads half a file.
      const partial = `${file}.${process.pid}.tmp`
      await writeFile(partial, css)
      await rename(partial, file)
      return css
    },
  }
}

export type ThemeCssCache = ReturnType<typeof createThemeCssCache>

/**
 * The pack's own stylesheets its `theme.css` imports (`@import './generator.css'`), read so an
 * edit to one of them compiles afresh too.
 */
async function importedSources(source: string, packDir: string): Promise<string> {
  const names = [...source.matchAll(/@import\s+(['"])(\.\/[^'"]+)\1/g)].map((match) => match[2]!)
  const contents = await Promise.all(
    names.map((name) => readFile(join(packDir, name), 'utf8').catch(() => '')),
  )
  return contents.map((content, index) => `\0${names[index]}\0${content}`).join('')
}
