import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { SUPPORTED_LOCALES } from '../../contract/locales.ts'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '')
export const CLIENT_DIR = join(ROOT, 'dist', 'client')
export const THEMES_DIR = join(ROOT, 'themes')

/** Size budgets for what a theme page loads before any lazy feature (issue 6). */
export const BUDGET = { jsGzip: 30 * 1024, cssGzip: 15 * 1024 }

export interface FileWeight {
  /** The URL path the page requests, e.g. `/assets/index-abc.js`. */
  path: string
  raw: number
  gzip: number
}

export interface FirstLoad {
  theme: string
  js: FileWeight[]
  css: FileWeight[]
  /** The UI dictionary chunk counted in `js`, if the build splits dictionaries out. */
  localeChunk?: string
}

/** gzip level 9, what a compressing proxy or CDN in front would send. */
export function gzipSize(bytes: Uint8Array): number {
  return gzipSync(bytes, { level: 9 }).byteLength
}

export function weigh(path: string, bytes: Uint8Array): FileWeight {
  return { path, raw: bytes.byteLength, gzip: gzipSize(bytes) }
}

export function total(files: readonly FileWeight[], key: 'raw' | 'gzip'): number {
  return files.reduce((sum, file) => sum + file[key], 0)
}

export function themeIds(): string[] {
  return readdirSync(THEMES_DIR, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(THEMES_DIR, entry.name, 'theme.json')),
    )
    .map((entry) => entry.name)
    .sort()
}

/** A theme's default locale (theme.json), for a browser that speaks the theme's language. */
export function themeLocale(theme: string): string {
  const manifest = JSON.parse(readFileSync(join(THEMES_DIR, theme, 'theme.json'), 'utf8')) as {
    defaultLocale?: unknown
  }
  return typeof manifest.defaultLocale === 'string' ? manifest.defaultLocale : 'en'
}

const ATTRIBUTE = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']?([^"'\\s>]+)`, 'i')

/** `<script type="module" src>`, `<link rel="modulepreload">` and `<link rel="stylesheet">`. */
export function parseTemplate(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = []
  const styles: string[] = []
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const src = ATTRIBUTE('src').exec(tag)?.[1]
    const href = ATTRIBUTE('href').exec(tag)?.[1]
    const rel = ATTRIBUTE('rel').exec(tag)?.[1]?.toLowerCase()
    if (tag.toLowerCase().startsWith('<script') && src) scripts.push(src)
    else if (rel === 'modulepreload' && href) scripts.push(href)
    else if (rel === 'stylesheet' && href) styles.push(href)
  }
  return { scripts, styles }
}

/**
 * Static imports of a built ES module: `import x from"./a.js"`, `import"./a.js"`,
 * `export … from"./a.js"`. Dynamic `import("./a.js")` is lazy and is not followed.
 */
export function staticImports(code: string): string[] {
  const found = new Set<string>()
  const pattern = /(?:\bimport|\bfrom)\s*(["'`])(\.{1,2}\/[^"'`]+)\1/g
  for (const match of code.matchAll(pattern)) found.add(match[2]!)
  return [...found]
}

export function dynamicImports(code: string): string[] {
  const found = new Set<string>()
  for (const match of code.matchAll(/\bimport\(\s*(["'`])(\.{1,2}\/[^"'`]+)\1\s*\)/g)) {
    found.add(match[2]!)
  }
  return [...found]
}

function readClientFile(urlPath: string): Uint8Array {
  const clean = urlPath.split(/[?#]/)[0]!.replace(/^\//, '')
  return readFileSync(join(CLIENT_DIR, clean))
}

/**
 * Chunks every page imports as soon as it starts, though through `import()`: `app-setup` loads
 * with the `/parameters` answer for every app (src/app/app-features.ts), so it is first load.
 */
const STARTUP_CHUNKS = ['app-setup']

/**
 * The JS a page runs before anything lazy: entry scripts, the startup chunks and, transitively,
 * their static imports.
 */
export function initialScripts(html: string): string[] {
  const seen = new Set<string>()
  const visit = (path: string) => {
    if (seen.has(path)) return
    seen.add(path)
    const code = Buffer.from(readClientFile(path)).toString('utf8')
    const base = new URL(path, 'http://x/')
    for (const spec of staticImports(code)) visit(new URL(spec, base).pathname)
  }
  for (const src of parseTemplate(html).scripts) visit(new URL(src, 'http://x/').pathname)
  for (const path of chunksNamed(STARTUP_CHUNKS)) visit(path)
  return [...seen]
}

function chunksNamed(names: readonly string[]): string[] {
  const assets = join(CLIENT_DIR, 'assets')
  if (!existsSync(assets)) return []
  return readdirSync(assets)
    .filter((file) => names.some((name) => new RegExp(`^${name}-[\\w-]{8}\\.js$`).test(file)))
    .map((file) => `/assets/${file}`)
}

/** Every script the built client can load later: dynamic imports, followed transitively. */
export function lazyScripts(html: string): string[] {
  const initial = new Set(initialScripts(html))
  const lazy = new Set<string>()
  const queue = [...initial]
  while (queue.length > 0) {
    const path = queue.shift()!
    const code = Buffer.from(readClientFile(path)).toString('utf8')
    const base = new URL(path, 'http://x/')
    for (const spec of [...dynamicImports(code), ...staticImports(code)]) {
      const target = new URL(spec, base).pathname
      if (initial.has(target) || lazy.has(target)) continue
      lazy.add(target)
      queue.push(target)
    }
  }
  return [...lazy]
}

/**
 * The UI dictionaries, one chunk per locale (`/assets/<locale>-<hash>.js`). The client awaits its
 * locale's dictionary before the first render (src/main.tsx, `loadTranslator`), so although it is
 * an `import()`, one of these is part of every first load.
 */
export function localeChunks(): Map<string, string> {
  const chunks = new Map<string, string>()
  const assets = join(CLIENT_DIR, 'assets')
  if (!existsSync(assets)) return chunks
  for (const name of readdirSync(assets)) {
    const locale = SUPPORTED_LOCALES.find((id) => new RegExp(`^${id}-[\\w-]{8}\\.js$`).test(name))
    if (locale) chunks.set(locale, `/assets/${name}`)
  }
  return chunks
}

export function readTemplate(): string {
  const path = join(CLIENT_DIR, 'index.html')
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`)
  return readFileSync(path, 'utf8')
}

/**
 * What `/:id/` loads on first load, from the build output alone: the entry JS and its static
 * imports, the stylesheets the template links, and the theme's `theme.css` that the server adds.
 */
export function staticFirstLoad(theme: string, html = readTemplate(), locale?: string): FirstLoad {
  const js = initialScripts(html).map((path) => weigh(path, readClientFile(path)))
  // Which dictionary loads depends on the visitor's browser language: count the one asked for,
  // else the largest, so the budget holds for every visitor.
  const dictionaries = [...localeChunks()].map(([id, path]) => ({
    id,
    weight: weigh(path, readClientFile(path)),
  }))
  const dictionary = locale
    ? dictionaries.find((entry) => entry.id === locale)
    : dictionaries.sort((a, b) => b.weight.gzip - a.weight.gzip)[0]
  if (dictionary) js.push(dictionary.weight)
  const css = parseTemplate(html).styles.map((href) => {
    const path = new URL(href, 'http://x/').pathname
    return weigh(path, readClientFile(path))
  })
  // The server sends the pack compiled through Tailwind, as `npm run build` writes it.
  const themeCss = join(ROOT, 'dist', 'themes', theme, 'theme.css')
  css.push(weigh(`/themes/${theme}/theme.css`, readFileSync(themeCss)))
  return { theme, js, css, ...(dictionary ? { localeChunk: dictionary.weight.path } : {}) }
}
